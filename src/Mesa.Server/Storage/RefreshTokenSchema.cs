namespace Mesa.Server.Storage;

/// <summary>
/// SCHEMA ADDITION (refresh tokens): portable statements, valid as they stand in SQLite and PostgreSQL
/// (TEXT, BIGINT millisecond timestamps, no AUTOINCREMENT). Applied after <see cref="StateDatabase"/>'s own tables.
/// A token row is never deleted: a rotated row is what recognises the reuse of a stolen token.
/// </summary>
public static class RefreshTokenSchema
{
    public const string Statements = """
        CREATE TABLE IF NOT EXISTS refresh_tokens (
            token_hash TEXT PRIMARY KEY,
            family_id TEXT NOT NULL,
            user_id TEXT NOT NULL REFERENCES users(id),
            created_ms BIGINT NOT NULL,
            expires_ms BIGINT NOT NULL,
            rotated_ms BIGINT,
            revoked_ms BIGINT);
        CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens(family_id);
        """;
}
