-- Helpers for flatten.sql (spec section 5).

-- A value together with its band code, so that one ordered aggregate picks both.
CREATE TYPE {schema}.banded AS (value integer, code text);

-- A stored sensitivity_code trimmed and upper-cased; null stays null, "" stays "".
CREATE FUNCTION {schema}.sensitivity_code(code text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT upper(btrim(code, E' \t\n\r\f\v'))
$$;

-- Round half to even, as numpy does. PostgreSQL's round(numeric) rounds half away from zero
-- and round(double precision) leaves ties to the platform, so ties are settled here.
-- x - floor(x) is exact in double precision, so the tie test is exact.
CREATE FUNCTION {schema}.round_half_even(x double precision) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN x - floor(x) > 0.5 THEN floor(x)::bigint + 1
        WHEN x - floor(x) < 0.5 THEN floor(x)::bigint
        ELSE floor(x)::bigint + mod(floor(x)::bigint, 2)
    END
$$;
