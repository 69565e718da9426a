-- The tbl_stacked pairs a run hands back, in stacked sequence.
SELECT code, id_x FROM {schema}.stacked ORDER BY cell_seq, asset_seq;
