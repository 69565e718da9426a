using Npgsql;

namespace Mesa.TestSupport;

/// <summary>
/// The PostgreSQL scripts/test-env.sh starts (or <c>MESA_TEST_PG</c>). Each user gets a schema of its own that is
/// dropped afterwards; tests fail, never skip, when the server is missing.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=mesa";

    private TestPostgres(string schema, string connectionString)
    {
        Schema = schema;
        ConnectionString = connectionString;
    }

    public string Schema { get; }

    /// <summary>Connects to the test schema only (search path), so the state store's tables land there.</summary>
    public string ConnectionString { get; }

    /// <summary>The test database itself (<c>MESA_TEST_PG</c>, else the test cluster).</summary>
    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("MESA_TEST_PG") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public static async Task<TestPostgres> CreateAsync()
    {
        var schema = $"mesa_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE SCHEMA {schema}");
        var builder = new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = schema };
        return new TestPostgres(schema, builder.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections of the schema would otherwise linger as idle sessions.
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Opens a connection to the test database, failing with a hint when the server is not reachable.</summary>
    public static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(BaseConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception e)
        {
            await connection.DisposeAsync();
            // Host, port and database only: MESA_TEST_PG may carry a password.
            var target = new NpgsqlConnectionStringBuilder(BaseConnectionString);
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at {target.Host}:{target.Port}/{target.Database} (MESA_TEST_PG): {e.Message}. "
                + "Run scripts/test-env.sh to install and start the test database.", e);
        }
    }
}
