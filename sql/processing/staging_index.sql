-- After COPY: the spatial indexes the intersect join probes, and statistics for the planner.
CREATE INDEX ON {schema}.asset_object USING gist (geometry);
CREATE INDEX ON {schema}.geocode_object USING gist (geometry);
ANALYZE {schema}.asset_group;
ANALYZE {schema}.asset_object;
ANALYZE {schema}.geocode_object;
ANALYZE {schema}.band;
ANALYZE {schema}.rating_band;
