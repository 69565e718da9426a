-- The tbl_stacked pairs the PostGIS engine streams back into the pipeline, in stacked sequence:
-- each cell's row number in tbl_geocode_object with the positions of its asset objects in tbl_asset_object.
SELECT cell_seq, asset_seq FROM {schema}.stacked ORDER BY cell_seq, asset_seq;
