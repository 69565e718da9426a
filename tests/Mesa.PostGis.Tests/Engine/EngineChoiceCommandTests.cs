using Mesa.PostGis.Tests.Parity;
using Mesa.TestSupport;

namespace Mesa.PostGis.Tests.Engine;

/// <summary><c>mesa-cloud process --engine</c> choices that cannot run: one line on stderr naming the problem, exit 1, no outputs.</summary>
public sealed class EngineChoiceCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("opencl", "engine 'opencl' is not one of cpu, postgis, gpu")]
    [InlineData("intersect=gpu,flatten=gpu", "the gpu engine computes intersect only")]
    [InlineData("intersect=postgis,tiles=cpu", "names stage 'tiles'")]
    [InlineData("flatten=postgis", "needs intersect=postgis")]
    public void A_choice_that_cannot_run_is_refused(string engine, string message)
    {
        AssertRefused(message, "--engine", engine, "--connection", TestDatabase.ConnectionString);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused()
    {
        AssertRefused("the PostGIS connection string is malformed", "--engine", "postgis", "--connection", "Host=127.0.0.1;;Port");
    }

    [Fact]
    public void An_unreachable_database_is_named_without_its_password()
    {
        // Port 1 on loopback: nothing listens there.
        var stderr = AssertRefused("PostGIS at 127.0.0.1:1/mesa is not reachable", "--engine", "postgis", "--connection", "Host=127.0.0.1;Port=1;Database=mesa;Username=postgres;Password=hunter2");

        Assert.DoesNotContain("hunter2", stderr);
    }

    private string AssertRefused(string message, params string[] options)
    {
        using var workload = WorkedExampleTests.Build();
        var output = Path.Combine(_folder.Path, "out");

        var result = CliRunner.Run(["process", workload.Build(), "--out", output, .. options]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("mesa-cloud process: ", StringComparison.Ordinal));
        Assert.Contains(message, line);
        Assert.False(File.Exists(Path.Combine(output, "manifest.json")));
        return result.Stderr;
    }
}
