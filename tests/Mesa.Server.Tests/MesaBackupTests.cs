using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Tests.Support;
using Mesa.Tiles;

namespace Mesa.Server.Tests;

/// <summary>
/// MESA's own backup archives through the API: made by MESA's backup code (Python's zipfile, DEFLATE or LZMA), processed,
/// and the returned package restored the way MESA restores (input/ and output/ deleted first).
/// </summary>
public sealed class MesaBackupTests(SharedServer server) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private const int Deflate = 8;
    private const int Lzma = 14;

    private string _access = "";

    public async Task InitializeAsync() => _access = await server.Api.SignInAsync();

    public Task DisposeAsync() => server.AssertStillHealthyAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Full_backup_is_processed_exactly_and_its_package_restores_without_loss(bool lzma)
    {
        var project = MesaBackups.ProjectFolder();
        var local = Directory.CreateTempSubdirectory("mesa-local-").FullName;
        try
        {
            var backup = MesaBackups.Create(project, lzma);
            var uploaded = MesaBackups.Members(backup);
            Assert.All(uploaded, m => Assert.Equal(lzma ? Lzma : Deflate, m.Method));
            Assert.Contains(uploaded, m => m.Name == MesaBackups.StaleTiles);
            Assert.Contains(uploaded, m => m.Name == MesaBackups.Report);

            var (jobId, completed) = await server.Api.SubmitAsync(_access, backup);
            Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);
            Assert.Equal("finished", (await server.Api.WaitForAsync(_access, jobId, "finished", "failed", "cancelled")).GetProperty("state").GetString());

            var results = await (await server.Api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", _access)).Content.ReadFromJsonAsync<JsonElement>();
            var downloads = results.GetProperty("downloads").EnumerateArray().ToArray();
            Assert.Equal(["package.zip", "outputs-only.zip"], downloads.Select(d => d.GetProperty("name").GetString()));
            var (package, packageName) = await DownloadAsync(downloads[0]);
            var (_, outputsOnlyName) = await DownloadAsync(downloads[1]);
            Assert.Equal($"mesa-backup-{jobId}.zip", packageName);
            Assert.Contains("not-a-backup", outputsOnlyName);

            // Named and compressed as MESA writes its backups; nothing MESA never ships.
            var members = MesaBackups.Members(package);
            Assert.All(members, m => Assert.Equal(Deflate, m.Method));
            Assert.DoesNotContain(members, m => m.Name.EndsWith('/') || m.Name.StartsWith('/') || m.Name.Contains('\\'));
            foreach (var never in new[] { MesaBackups.Cache, MesaBackups.Lock, MesaBackups.AiToken, MesaBackups.StaleStackedPart, MesaBackups.StaleTiles })
                Assert.DoesNotContain(members, m => m.Name == never);
            using (var zip = new ZipArchive(new MemoryStream(package)))
            {
                Assert.Equal(jobId, Manifest.FromJson(new StreamReader(zip.GetEntry(OutputFiles.Manifest)!.Open()).ReadToEnd()).JobId);
                Assert.NotNull(zip.GetEntry("process.log"));
            }

            var expected = ProcessingPipeline.Run(MesaWorkload.Load(project),
                new ProcessingOptions { OutputFolder = local, Threads = 1, OutputStages = [new TilesStage()] }).Manifest.Files;
            var before = MesaBackups.Hashes(project);
            MesaBackups.Restore(project, package);
            var after = MesaBackups.Hashes(project);

            // Nothing the user had is lost: config.ini, input/, outputs the job does not produce, and secrets/ (not in the package).
            foreach (var kept in MesaBackups.InputFiles.Concat([WorkloadFiles.Config, MesaBackups.OtherOutput, MesaBackups.Report, MesaBackups.AiToken])
                         .Concat(WorkloadFiles.ProcessingInputs.Where(before.ContainsKey)))
                Assert.Equal(before[kept], after.GetValueOrDefault(kept));
            // The results are the job's, exactly what a local run of the same project gives; stale ones are gone.
            foreach (var file in expected)
                Assert.Equal(file.Sha256, after.GetValueOrDefault(file.Path));
            Assert.DoesNotContain(MesaBackups.StaleStackedPart, after.Keys);
            Assert.DoesNotContain(MesaBackups.StaleTiles, after.Keys);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task Input_only_backup_is_refused_with_the_steps_to_take_in_MESA()
    {
        var project = MesaBackups.ProjectFolder();
        try
        {
            var backup = MesaBackups.Create(project, lzma: true, "--no-databases", "--no-tiles", "--no-reports");
            Assert.DoesNotContain(MesaBackups.Members(backup), m => m.Name.StartsWith("output/"));
            var (jobId, completed) = await server.Api.SubmitAsync(_access, backup);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, completed.StatusCode);
            var detail = (await MesaApi.ProblemAsync(completed)).GetProperty("detail").GetString()!;
            foreach (var step in new[] { "import the assets", "importance and susceptibility", "create the geocodes", WorkloadFiles.AssetObject })
                Assert.Contains(step, detail);
            Assert.Equal("awaiting_upload", (await server.Api.JobAsync(_access, jobId)).GetProperty("state").GetString());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task Project_zip_gets_the_outputs_only_archive_and_no_package()
    {
        var (jobId, completed) = await server.Api.SubmitAsync(_access, Workloads.WorkedExampleZip());
        Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);
        Assert.Equal("finished", (await server.Api.WaitForAsync(_access, jobId, "finished", "failed", "cancelled")).GetProperty("state").GetString());
        var results = await (await server.Api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", _access)).Content.ReadFromJsonAsync<JsonElement>();
        // Restoring a package without input/ would delete the user's input data: none is offered.
        Assert.Equal(["outputs-only.zip"], results.GetProperty("downloads").EnumerateArray().Select(d => d.GetProperty("name").GetString()));
        var signed = new Uri(results.GetProperty("downloads")[0].GetProperty("url").GetString()!);
        var swapped = new Uri(signed, signed.PathAndQuery.Replace("outputs-only.zip", "package.zip"));
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Api.Http.GetAsync(swapped)).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Damaged_member_is_refused_naming_it(bool lzma)
    {
        var project = MesaBackups.ProjectFolder();
        try
        {
            var backup = MesaBackups.Create(project, lzma);
            // Overwrite the middle of tbl_asset_object's compressed data, past its local header.
            var name = System.Text.Encoding.ASCII.GetBytes(WorkloadFiles.AssetObject);
            var at = backup.AsSpan().IndexOf(name) + name.Length + 200;
            for (var i = 0; i < 64; i++) backup[at + i] ^= 0xA5;
            var (_, completed) = await server.Api.SubmitAsync(_access, backup);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, completed.StatusCode);
            Assert.Contains("tbl_asset_object", (await MesaApi.ProblemAsync(completed)).GetProperty("detail").GetString());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private async Task<(byte[] Bytes, string? SaveAs)> DownloadAsync(JsonElement download)
    {
        var response = await server.Api.Http.GetAsync(download.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }
}
