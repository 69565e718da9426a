using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Database;

/// <summary><c>mesa-cloud db migrate</c> against a real PostgreSQL schema of its own.</summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Db_migrate_brings_a_store_up_to_date_once_and_reports_bad_connections_in_one_line()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        var first = CliRunner.Run("db", "migrate", "--connection", postgres.ConnectionString);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("applied 001_initial", first.Stdout);
        var again = CliRunner.Run("db", "migrate", "--connection", postgres.ConnectionString);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("applied", again.Stdout);
        Assert.StartsWith("schema at version", again.Stdout);

        var unreachable = CliRunner.Run("db", "migrate", "--connection", "Host=127.0.0.1;Port=1;Username=postgres;Database=mesa;Timeout=2");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.StartsWith("mesa-cloud db migrate: ", unreachable.Stderr);
        Assert.Single(unreachable.Stderr.Trim().Split('\n'));

        var provider = CliRunner.Run("db", "migrate", "--provider", "oracle", "--connection", "x");
        Assert.Equal(1, provider.ExitCode);
        Assert.Contains("Unknown state provider 'oracle'", provider.Stderr);
    }
}
