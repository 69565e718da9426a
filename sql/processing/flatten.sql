-- tbl_flat (spec section 5): tbl_stacked grouped by code alone, so that geocode groups sharing
-- a code merge into one row. $1 is flatten_sliver_min_area_m2.
--
-- The first row of a code is its lowest stacked sequence (cell_seq, asset_seq); its cell is the
-- one with the lowest cell_seq, which gives ref_geocodegroup, name_gis_geocodegroup and geometry.
-- Min/max order rows by value (ascending for min, descending for max; null last), then by code
-- ascending (null last) in byte order, and take the first.
CREATE UNLOGGED TABLE {schema}.flat AS
WITH stacked AS (
    SELECT
        s.code, s.cell_seq, s.ref_asset_group, s.name_gis_assetgroup, s.importance, s.susceptibility, s.sensitivity,
        i.code AS importance_code,
        u.code AS susceptibility_code,
        {schema}.sensitivity_code(s.sensitivity_code) AS sensitivity_code
    FROM {schema}.stacked s
    -- Importance and susceptibility take the letter of the rating band covering the value, none if
    -- no band does. The bands do not overlap, so a row matches at most one.
    LEFT JOIN {schema}.rating_band i ON s.importance BETWEEN i.min_value AND i.max_value
    LEFT JOIN {schema}.rating_band u ON s.susceptibility BETWEEN u.min_value AND u.max_value
),
per_code AS (
    SELECT
        code,
        min(cell_seq) AS first_cell_seq,
        count(*) AS assets_overlap_total,
        count(DISTINCT ref_asset_group) AS asset_groups_total,
        string_agg(DISTINCT name_gis_assetgroup COLLATE "C", ', ' ORDER BY name_gis_assetgroup COLLATE "C") AS asset_group_names,
        (array_agg(ROW(importance, importance_code)::{schema}.banded
            ORDER BY importance ASC NULLS LAST, importance_code COLLATE "C" ASC NULLS LAST))[1] AS importance_min,
        (array_agg(ROW(importance, importance_code)::{schema}.banded
            ORDER BY importance DESC NULLS LAST, importance_code COLLATE "C" ASC NULLS LAST))[1] AS importance_max,
        (array_agg(ROW(sensitivity, sensitivity_code)::{schema}.banded
            ORDER BY sensitivity ASC NULLS LAST, sensitivity_code COLLATE "C" ASC NULLS LAST))[1] AS sensitivity_min,
        (array_agg(ROW(sensitivity, sensitivity_code)::{schema}.banded
            ORDER BY sensitivity DESC NULLS LAST, sensitivity_code COLLATE "C" ASC NULLS LAST))[1] AS sensitivity_max,
        (array_agg(ROW(susceptibility, susceptibility_code)::{schema}.banded
            ORDER BY susceptibility ASC NULLS LAST, susceptibility_code COLLATE "C" ASC NULLS LAST))[1] AS susceptibility_min,
        (array_agg(ROW(susceptibility, susceptibility_code)::{schema}.banded
            ORDER BY susceptibility DESC NULLS LAST, susceptibility_code COLLATE "C" ASC NULLS LAST))[1] AS susceptibility_max,
        -- The OWA vector (n25, n24, ..., n1): s = round(sensitivity) (an integer already), values outside
        -- 1..25 ignored (0 = not assessed). Arrays compare lexicographically, as ranking needs.
        ARRAY[
            count(*) FILTER (WHERE sensitivity = 25),
            count(*) FILTER (WHERE sensitivity = 24),
            count(*) FILTER (WHERE sensitivity = 23),
            count(*) FILTER (WHERE sensitivity = 22),
            count(*) FILTER (WHERE sensitivity = 21),
            count(*) FILTER (WHERE sensitivity = 20),
            count(*) FILTER (WHERE sensitivity = 19),
            count(*) FILTER (WHERE sensitivity = 18),
            count(*) FILTER (WHERE sensitivity = 17),
            count(*) FILTER (WHERE sensitivity = 16),
            count(*) FILTER (WHERE sensitivity = 15),
            count(*) FILTER (WHERE sensitivity = 14),
            count(*) FILTER (WHERE sensitivity = 13),
            count(*) FILTER (WHERE sensitivity = 12),
            count(*) FILTER (WHERE sensitivity = 11),
            count(*) FILTER (WHERE sensitivity = 10),
            count(*) FILTER (WHERE sensitivity = 9),
            count(*) FILTER (WHERE sensitivity = 8),
            count(*) FILTER (WHERE sensitivity = 7),
            count(*) FILTER (WHERE sensitivity = 6),
            count(*) FILTER (WHERE sensitivity = 5),
            count(*) FILTER (WHERE sensitivity = 4),
            count(*) FILTER (WHERE sensitivity = 3),
            count(*) FILTER (WHERE sensitivity = 2),
            count(*) FILTER (WHERE sensitivity = 1)
        ] AS owa
    FROM stacked
    GROUP BY code
),
-- index_owa over every code, slivers included: D counts distinct vectors, the all-zero one
-- too; rank 1 is the lexicographically largest vector; all-zero vectors score 0.
distinct_vectors AS (
    SELECT count(DISTINCT owa) AS d FROM per_code
),
ranked AS (
    SELECT p.*,
        CASE
            WHEN p.owa = array_fill(0::bigint, ARRAY[25]) THEN 0
            ELSE greatest(1, least(100, {schema}.round_half_even(
                (v.d - dense_rank() OVER (ORDER BY p.owa DESC) + 1)::double precision / v.d * 100.0)))
        END AS index_owa
    FROM per_code p CROSS JOIN distinct_vectors v
),
measured AS (
    SELECT r.*, c.ref_geocodegroup, c.name_gis_geocodegroup, c.geometry,
        {schema}.round_half_even(ST_Area(ST_Transform(c.geometry, 3035))) AS area_m2
    FROM ranked r JOIN {schema}.cell c ON c.seq = r.first_cell_seq
)
SELECT
    m.ref_geocodegroup,
    m.name_gis_geocodegroup,
    m.code,
    (m.importance_min).value AS importance_min,
    (m.importance_max).value AS importance_max,
    (m.importance_min).code AS importance_code_min,
    imin.description AS importance_description_min,
    (m.importance_max).code AS importance_code_max,
    imax.description AS importance_description_max,
    (m.sensitivity_min).value AS sensitivity_min,
    (m.sensitivity_max).value AS sensitivity_max,
    (m.sensitivity_min).code AS sensitivity_code_min,
    smin.description AS sensitivity_description_min,
    (m.sensitivity_max).code AS sensitivity_code_max,
    smax.description AS sensitivity_description_max,
    (m.susceptibility_min).value AS susceptibility_min,
    (m.susceptibility_max).value AS susceptibility_max,
    (m.susceptibility_min).code AS susceptibility_code_min,
    umin.description AS susceptibility_description_min,
    (m.susceptibility_max).code AS susceptibility_code_max,
    umax.description AS susceptibility_description_max,
    m.asset_group_names,
    m.asset_groups_total,
    m.area_m2,
    m.assets_overlap_total,
    m.index_owa::bigint AS index_owa,
    m.geometry,
    m.first_cell_seq
FROM measured m
-- A description is the band's for that code (an empty one stays ""); null or an unknown code has none.
LEFT JOIN {schema}.band imin ON imin.code = (m.importance_min).code
LEFT JOIN {schema}.band imax ON imax.code = (m.importance_max).code
LEFT JOIN {schema}.band smin ON smin.code = (m.sensitivity_min).code
LEFT JOIN {schema}.band smax ON smax.code = (m.sensitivity_max).code
LEFT JOIN {schema}.band umin ON umin.code = (m.susceptibility_min).code
LEFT JOIN {schema}.band umax ON umax.code = (m.susceptibility_max).code
WHERE m.area_m2 >= $1;
