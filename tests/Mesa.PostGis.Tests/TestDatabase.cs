using Npgsql;

namespace Mesa.PostGis.Tests;

/// <summary>The live PostGIS the reference runs use; tests fail, never skip, when it is missing.</summary>
internal static class TestDatabase
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=mesa";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("MESA_TEST_PG") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>Opens a connection, failing with a hint when the server is not reachable.</summary>
    public static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception e)
        {
            await connection.DisposeAsync();
            // Host, port and database only: MESA_TEST_PG may carry a password.
            var target = new NpgsqlConnectionStringBuilder(ConnectionString);
            throw new InvalidOperationException(
                $"PostGIS is not reachable at {target.Host}:{target.Port}/{target.Database} (MESA_TEST_PG): {e.Message}. "
                + "Run scripts/test-env.sh to install and start the test database.", e);
        }
    }

    /// <summary>Runs a workload after checking the server is there, so a missing server fails with the hint above.</summary>
    public static async Task<PostGisRunResult> RunAsync(string folder, CancellationToken cancellationToken = default)
    {
        await using (await OpenAsync()) { }
        return await PostGisReferenceRun.RunAsync(folder, ConnectionString, cancellationToken);
    }

    public static Task<bool> SchemaExistsAsync(RunSchema schema) => SchemaExistsAsync(schema.Name);

    public static async Task<bool> SchemaExistsAsync(string schema)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
