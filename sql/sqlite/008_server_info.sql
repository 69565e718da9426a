-- The environment probe's results, kept as history: one row per probe (at start-up and on demand), the facts as JSON.
-- Same table and columns (the sequence is SQLite's rowid here, an identity there) as postgres/008_server_info.sql.
CREATE TABLE server_info (
    seq INTEGER PRIMARY KEY,
    probed_ms BIGINT NOT NULL,
    node TEXT NOT NULL,
    facts TEXT NOT NULL);
CREATE INDEX server_info_time ON server_info(probed_ms);
