using Dapper;
using Npgsql;

namespace Mesa.Server.Operations;

/// <summary>
/// One PostgreSQL database this node uses (the state store, the postgis engine's staging database): its server version
/// and installed extensions, PostGIS's full version when installed. <see cref="Error"/> when it cannot be reached.
/// </summary>
public sealed record PostgresFacts(string Role, string? Version, string? PostgisVersion, IReadOnlyList<PostgresFacts.Extension> Extensions, string? Error)
{
    public sealed record Extension(string Name, string Version);

    /// <param name="role">What the database is to this node, e.g. "state store".</param>
    public static async Task<PostgresFacts> CollectAsync(string role, string connectionString, CancellationToken cancellation)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellation);
            var version = await connection.ExecuteScalarAsync<string>("SELECT version()");
            var extensions = (await connection.QueryAsync<Extension>("SELECT extname AS Name, extversion AS Version FROM pg_extension ORDER BY extname")).ToList();
            return new PostgresFacts(role, version, await PostGisFullVersionAsync(connection), extensions, null);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            return new PostgresFacts(role, null, null, [], e.Message);
        }
    }

    /// <summary>
    /// Null without PostGIS. Called in the extension's own schema, which a connection whose search path names
    /// another schema (a state store in a schema of its own) would not find.
    /// </summary>
    public static async Task<string?> PostGisFullVersionAsync(NpgsqlConnection connection)
    {
        var schema = await connection.ExecuteScalarAsync<string?>(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'");
        return schema is null ? null : await connection.ExecuteScalarAsync<string>($"SELECT \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\".postgis_full_version()");
    }
}
