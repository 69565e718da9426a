using Npgsql;

namespace Mesa.Processing.Tests.Geodesy;

/// <summary>The live PostGIS that the geodesy results are checked against.</summary>
internal static class PostGis
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=mesa";

    private static string ConnectionString =>
        Environment.GetEnvironmentVariable("MESA_TEST_PG") is { Length: > 0 } configured
            ? configured
            : DefaultConnectionString;

    /// <summary>Opens a connection, failing (never skipping) when the server is missing.</summary>
    public static NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception e)
        {
            connection.Dispose();
            // Host, port and database only: MESA_TEST_PG may carry a password.
            var target = new NpgsqlConnectionStringBuilder(ConnectionString);
            throw new InvalidOperationException(
                $"PostGIS is not reachable at {target.Host}:{target.Port}/{target.Database} (MESA_TEST_PG): {e.Message}. "
                + "Run scripts/test-env.sh to install and start the test database.", e);
        }
    }
}
