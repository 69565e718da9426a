-- Refresh tokens (only their SHA-256 hex is stored). Each verification starts a family; a use marks the token
-- rotated and adds the next one; presenting a rotated token revokes the family. Rows are never deleted while
-- valid: a rotated row is what recognises a replayed, stolen token. Same text for SQLite and PostgreSQL.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    rotated_ms BIGINT,
    revoked_ms BIGINT);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
