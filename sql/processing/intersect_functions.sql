-- Spec section 4's overlap rule for one (cell, asset) pair. A raw Point is kept when the cell
-- contains it; anything else when the two intersect and their intersection, computed in 4326
-- and projected to Web Mercator, has a planar area of at least 1 m^2 (so edge-touching
-- neighbours and unbuffered lines drop out). CASE fixes the evaluation order: the costly
-- intersection only runs for pairs that intersect.
CREATE FUNCTION {schema}.pair_overlaps(cell geometry, asset geometry) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN ST_GeometryType(asset) = 'ST_Point' THEN ST_Contains(cell, asset)
        WHEN ST_Intersects(cell, asset) THEN ST_Area(ST_Transform(ST_Intersection(cell, asset), 3857)) >= 1.0
        ELSE false
    END
$$;

-- What intersect_stacked.sql calls. This plain version inlines into the join and runs in
-- parallel; intersect_repair.sql replaces it when a pair raises a GEOS error.
CREATE FUNCTION {schema}.pair_kept(cell geometry, asset geometry) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT {schema}.pair_overlaps(cell, asset)
$$;
