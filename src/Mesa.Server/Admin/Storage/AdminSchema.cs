namespace Mesa.Server.Admin.Storage;

/// <summary>
/// The admin console's tables. Portable statements (valid in SQLite and PostgreSQL): TEXT, BIGINT
/// millisecond timestamps, no AUTOINCREMENT, so the same text can move into the versioned migrations.
/// </summary>
public static class AdminSchema
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS admins (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            password_salt TEXT NOT NULL,
            iterations BIGINT NOT NULL,
            failed_sign_ins BIGINT NOT NULL DEFAULT 0,
            locked_until_ms BIGINT NOT NULL DEFAULT 0,
            created_ms BIGINT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS admin_sessions (
            id_hash TEXT PRIMARY KEY,
            admin_id TEXT NOT NULL REFERENCES admins(id),
            csrf_token TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            expires_ms BIGINT NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS admin_sessions_expiry ON admin_sessions(expires_ms)",
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            id TEXT PRIMARY KEY,
            at_ms BIGINT NOT NULL,
            actor_kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT)
        """,
        "CREATE INDEX IF NOT EXISTS audit_log_time ON audit_log(at_ms DESC, id DESC)",
        "CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log(action, at_ms DESC)",
        """
        CREATE TABLE IF NOT EXISTS blacklist (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            reason TEXT,
            created_ms BIGINT NOT NULL,
            PRIMARY KEY (kind, value))
        """,
        """
        CREATE TABLE IF NOT EXISTS user_controls (
            user_id TEXT PRIMARY KEY REFERENCES users(id),
            tokens_valid_from_s BIGINT NOT NULL DEFAULT 0,
            retention_minutes BIGINT)
        """,
        """
        CREATE TABLE IF NOT EXISTS server_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            updated_ms BIGINT NOT NULL)
        """,
        // The console lists all jobs newest first; users are searched and listed by email.
        "CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_ms DESC, id)",
    ];
}
