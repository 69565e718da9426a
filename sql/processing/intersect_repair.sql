-- Replaces pair_kept after the plain run failed on invalid input (spec section 4): a pair that
-- raises is retried with both geometries made valid; a pair that still raises is kept and
-- reported as a warning. Exception blocks open subtransactions, which PostgreSQL forbids in
-- parallel workers, hence PARALLEL UNSAFE and why this is only the fallback.
CREATE OR REPLACE FUNCTION {schema}.pair_kept(cell geometry, asset geometry) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL UNSAFE AS $$
BEGIN
    BEGIN
        RETURN {schema}.pair_overlaps(cell, asset);
    EXCEPTION WHEN OTHERS THEN
        NULL;
    END;
    BEGIN
        RETURN {schema}.pair_overlaps(ST_MakeValid(cell), ST_MakeValid(asset));
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'intersect: pair kept unevaluated (cell %, asset %): %',
            ST_AsText(ST_PointOnSurface(ST_Envelope(cell))), ST_AsText(ST_PointOnSurface(ST_Envelope(asset))), SQLERRM;
        RETURN true;
    END;
END
$$;
