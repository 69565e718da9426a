-- Servers that know each other. Every cluster seed imported, kept for rollback: the one activated last is current,
-- and a new import must carry a higher version than any imported before. Same tables as sqlite/010_peers.sql.
CREATE TABLE peer_seeds (
    version BIGINT PRIMARY KEY,
    seed_id TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    signer_key_id TEXT NOT NULL,
    imported_ms BIGINT NOT NULL,
    activated_ms BIGINT NOT NULL,
    document TEXT NOT NULL);
-- Each peer's last status (the signed message as received), by the sender's clock (sent_ms, last writer wins) and this
-- server's (received_ms), the last exchange this server tried and how it failed, and whether an admin disabled the peer.
CREATE TABLE peers (
    root_fingerprint TEXT PRIMARY KEY,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT,
    sent_ms BIGINT,
    received_ms BIGINT,
    attempted_ms BIGINT,
    error TEXT);
