-- The admin console: admin accounts and their sessions, the audit log, the blacklist, per-user token revocation and run-time
-- settings. Same tables and columns (the audit sequence is SQLite's rowid here, an identity there) as postgres/005_admin_console.sql.
CREATE TABLE admins (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    password_salt TEXT NOT NULL,
    iterations BIGINT NOT NULL,
    failed_sign_ins BIGINT NOT NULL DEFAULT 0,
    locked_until_ms BIGINT NOT NULL DEFAULT 0,
    created_ms BIGINT NOT NULL);
-- Only the SHA-256 of a session's cookie value is stored.
CREATE TABLE admin_sessions (
    id_hash TEXT PRIMARY KEY,
    admin_id TEXT NOT NULL REFERENCES admins(id),
    csrf_token TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL);
CREATE INDEX admin_sessions_expiry ON admin_sessions(expires_ms);
-- Append-only: the server inserts rows and never updates or deletes them; seq orders entries of the same millisecond.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE INDEX audit_log_time ON audit_log(at_ms);
CREATE INDEX audit_log_action ON audit_log(action, seq);
CREATE INDEX audit_log_target ON audit_log(target, seq);
-- kind 'email' (a whole address) or 'domain' (the part after @), lower case.
CREATE TABLE blacklist (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    reason TEXT,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (kind, value));
-- Access tokens issued before tokens_valid_from_s (unix seconds) are refused. (Retention and quota overrides are users columns.)
CREATE TABLE user_controls (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    tokens_valid_from_s BIGINT NOT NULL DEFAULT 0);
CREATE TABLE server_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_ms BIGINT NOT NULL);
-- The console lists all jobs newest first.
CREATE INDEX jobs_created ON jobs(created_ms DESC, id);
