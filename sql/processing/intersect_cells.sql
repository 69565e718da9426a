-- The cells intersect evaluates: geocode objects with duplicates on (code,
-- name_gis_geocodegroup) removed, keeping the first in staging order (spec section 4).
CREATE UNLOGGED TABLE {schema}.cell AS
SELECT DISTINCT ON (code, name_gis_geocodegroup) seq, code, ref_geocodegroup, name_gis_geocodegroup, geometry
FROM {schema}.geocode_object
ORDER BY code, name_gis_geocodegroup, seq;

CREATE UNIQUE INDEX ON {schema}.cell (seq);
CREATE INDEX ON {schema}.cell USING gist (geometry);
ANALYZE {schema}.cell;
