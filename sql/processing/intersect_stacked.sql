-- tbl_stacked (spec section 4): one row per kept (cell, asset object) pair, with the asset
-- group's columns joined on ref_asset_group = id. The join is a left join as in MESA (an
-- object whose group is missing keeps null group columns); should ids repeat in
-- tbl_asset_group, the first group in staging order is used so that a pair stays one row.
--
-- The stacked sequence, which flatten's "first row" refers to, is (cell_seq, asset_seq):
-- cells in staging order, then asset objects in staging order. The row's geometry is its
-- cell's, reached through cell_seq instead of copied into every row; grid_cell is cell_seq.
CREATE UNLOGGED TABLE {schema}.stacked AS
WITH asset_group AS (
    SELECT DISTINCT ON (id) *
    FROM {schema}.asset_group
    ORDER BY id, seq
)
SELECT
    c.seq AS cell_seq,
    a.seq AS asset_seq,
    c.code,
    c.ref_geocodegroup,
    c.name_gis_geocodegroup,
    c.seq AS grid_cell,
    a.id AS id_x,
    a.asset_group_name,
    a.attributes,
    a.ref_asset_group,
    g.id AS id_y,
    g.name_gis_assetgroup,
    g.total_asset_objects,
    g.importance,
    g.susceptibility,
    g.sensitivity,
    g.sensitivity_code,
    g.sensitivity_description
FROM {schema}.cell c
JOIN {schema}.asset_object a ON c.geometry && a.geometry AND {schema}.pair_kept(c.geometry, a.geometry)
LEFT JOIN asset_group g ON g.id = a.ref_asset_group;
