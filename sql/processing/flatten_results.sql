-- The tbl_flat rows a run hands back: the 27 columns in the spec's order, geometry as WKB, then
-- the row number of the code's first cell in tbl_geocode_object, which orders them as tbl_flat.parquet.
SELECT
    ref_geocodegroup, name_gis_geocodegroup, code,
    importance_min::bigint, importance_max::bigint, importance_code_min, importance_description_min,
    importance_code_max, importance_description_max,
    sensitivity_min::bigint, sensitivity_max::bigint, sensitivity_code_min, sensitivity_description_min,
    sensitivity_code_max, sensitivity_description_max,
    susceptibility_min::bigint, susceptibility_max::bigint, susceptibility_code_min, susceptibility_description_min,
    susceptibility_code_max, susceptibility_description_max,
    asset_group_names, asset_groups_total, area_m2, assets_overlap_total, index_owa, ST_AsBinary(geometry),
    first_cell_seq
FROM {schema}.flat
ORDER BY first_cell_seq;
