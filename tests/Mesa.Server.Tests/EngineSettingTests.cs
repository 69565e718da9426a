using System.IO.Compression;
using Mesa.Processing.Pipeline;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests;

/// <summary>The dispatcher runs jobs on the engine <c>Mesa:Processing:Engine</c> names.</summary>
public sealed class EngineSettingTests
{
    [Fact]
    public async Task Jobs_run_on_the_PostGIS_engine_when_the_configuration_names_it()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Processing:Engine"] = "postgis",
            ["Mesa:Processing:PostGisConnectionString"] = TestPostgres.BaseConnectionString,
        });
        var api = new MesaApi(host);
        var access = await api.SignInAsync();

        var (jobId, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());

        Assert.Equal("finished", (await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled")).GetProperty("state").GetString());
        using var results = ZipFile.OpenRead(Path.Combine(host.DataFolder, "jobs", jobId, "results.zip"));
        await using var manifest = results.GetEntry(OutputFiles.Manifest)!.Open();
        using var reader = new StreamReader(manifest);
        Assert.Equal("postgis", Manifest.FromJson(await reader.ReadToEndAsync()).Engine);
    }
}
