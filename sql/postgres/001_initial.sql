-- The PostgreSQL store's first schema: the same tables and columns as sql/sqlite/001_initial.sql.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    project_summary TEXT NOT NULL,
    priority BIGINT NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL);
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    used_ms BIGINT);
CREATE INDEX email_tokens_user ON email_tokens(user_id, created_ms);
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT,
    idempotency_key TEXT,
    state TEXT NOT NULL,
    stage TEXT,
    progress DOUBLE PRECISION NOT NULL DEFAULT 0,
    priority BIGINT NOT NULL,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    upload_bytes BIGINT,
    upload_sha256 TEXT,
    error TEXT,
    cancel_requested BOOLEAN NOT NULL DEFAULT FALSE,
    runs BIGINT NOT NULL DEFAULT 0,
    purged_ms BIGINT);
CREATE UNIQUE INDEX jobs_idempotency ON jobs(user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_queue ON jobs(state, priority DESC, created_ms);
CREATE INDEX jobs_user ON jobs(user_id, created_ms DESC);
CREATE TABLE job_log (
    job_id TEXT NOT NULL REFERENCES jobs(id),
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    level TEXT NOT NULL,
    message TEXT NOT NULL);
CREATE INDEX job_log_job ON job_log(job_id, seq);
