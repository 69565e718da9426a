using Mesa.TestSupport;
using Npgsql;

namespace Mesa.PostGis.Tests;

/// <summary>The live PostGIS the reference runs use; tests fail, never skip, when it is missing.</summary>
internal static class TestDatabase
{
    public static string ConnectionString => TestPostgres.BaseConnectionString;

    public static Task<NpgsqlConnection> OpenAsync() => TestPostgres.OpenAsync();

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
