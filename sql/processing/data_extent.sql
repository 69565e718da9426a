-- tbl_data_extent's area (spec section 3): the union of every asset polygon, invalid ones made
-- valid first, and its geodesic area on the WGS 84 spheroid in km^2. Points and lines add no area.
WITH part AS (
    SELECT (ST_Dump(geometry)).geom AS geom FROM {schema}.asset_object
), polygon AS (
    SELECT CASE WHEN ST_IsValid(geom) THEN geom ELSE ST_CollectionExtract(ST_MakeValid(geom), 3) END AS geom
    FROM part
    WHERE ST_Dimension(geom) = 2
)
SELECT coalesce(ST_Area(geography(ST_Union(geom)), true) / 1e6, 0) FROM polygon;
