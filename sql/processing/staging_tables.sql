-- COPY targets for the workload's input tables (spec section 1). seq is the row's 0-based
-- position in its parquet file: the "staging order" that first-row and duplicate rules use.
-- Unlogged: the data lives for one run and is re-staged from the workload after a crash.
-- Geometry arrives as WKB through binary COPY; the column typmod stamps SRID 4326 on it.
CREATE UNLOGGED TABLE {schema}.asset_group (
    seq bigint NOT NULL,
    id bigint NOT NULL,
    name_gis_assetgroup text NOT NULL,
    total_asset_objects bigint,
    importance integer,
    susceptibility integer,
    sensitivity integer,
    sensitivity_code text,
    sensitivity_description text
);

CREATE UNLOGGED TABLE {schema}.asset_object (
    seq bigint NOT NULL,
    id bigint NOT NULL,
    asset_group_name text,
    attributes text,
    process boolean,
    ref_asset_group bigint NOT NULL,
    geometry geometry(Geometry, 4326)
);

CREATE UNLOGGED TABLE {schema}.geocode_object (
    seq bigint NOT NULL,
    code text NOT NULL,
    ref_geocodegroup bigint NOT NULL,
    name_gis_geocodegroup text NOT NULL,
    geometry geometry(Geometry, 4326)
);

-- config.ini [A]..[E]: the descriptions tbl_flat looks codes up in.
CREATE UNLOGGED TABLE {schema}.band (
    code text NOT NULL,
    description text NOT NULL
);

-- The letters importance and susceptibility values take (config.ini's bands and [VALID_VALUES],
-- derived as MESA derives them): values min_value..max_value take code. Ranges do not overlap.
CREATE UNLOGGED TABLE {schema}.rating_band (
    code text NOT NULL,
    min_value integer NOT NULL,
    max_value integer NOT NULL
);
