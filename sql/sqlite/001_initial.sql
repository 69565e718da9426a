-- The embedded store's first schema. IF NOT EXISTS: state.db files created before migrations existed already hold it.
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    affiliation TEXT NOT NULL,
    project_summary TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER);
CREATE INDEX IF NOT EXISTS email_tokens_user ON email_tokens(user_id, created_ms);
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT,
    idempotency_key TEXT,
    state TEXT NOT NULL,
    stage TEXT,
    progress REAL NOT NULL DEFAULT 0,
    priority INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    upload_bytes INTEGER,
    upload_sha256 TEXT,
    error TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    runs INTEGER NOT NULL DEFAULT 0,
    purged_ms INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency ON jobs(user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS jobs_queue ON jobs(state, priority DESC, created_ms);
CREATE INDEX IF NOT EXISTS jobs_user ON jobs(user_id, created_ms DESC);
CREATE TABLE IF NOT EXISTS job_log (
    job_id TEXT NOT NULL REFERENCES jobs(id),
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    level TEXT NOT NULL,
    message TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS job_log_job ON job_log(job_id, seq);
