using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Mesa.Processing.Workload;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>Bad and hostile workloads: each refused with the right 4xx naming the problem, the server fine afterwards.</summary>
public sealed class HostileUploadTests(SharedServer server) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private string _access = "";

    public async Task InitializeAsync() => _access = await server.Api.SignInAsync();

    public Task DisposeAsync() => server.AssertStillHealthyAsync();

    [Fact]
    public async Task Zip_slip_entry_is_refused_and_nothing_lands_outside()
    {
        var zip = Workloads.WorkedExampleZipWith(("../../escaped.txt", "owned"u8.ToArray()));
        var (jobId, completed) = await server.Api.SubmitAsync(_access, zip);
        var problem = await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("../../escaped.txt", Detail(problem));
        Assert.False(File.Exists(Path.Combine(server.Host.DataFolder, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(server.Host.DataFolder, "jobs", "escaped.txt")));
        Assert.Equal("awaiting_upload", (await server.Api.JobAsync(_access, jobId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Absolute_entry_path_is_refused()
    {
        var (_, completed) = await server.Api.SubmitAsync(_access, Workloads.WorkedExampleZipWith(("/etc/evil", "x"u8.ToArray())));
        Assert.Contains("/etc/evil", Detail(await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task Zip_bomb_is_refused_by_its_compression_ratio()
    {
        var zip = Workloads.WorkedExampleZipWith(("output/geoparquet/padding.bin", new byte[64 * 1024 * 1024]));
        Assert.True(zip.Length < SharedServer.UploadLimit);
        var (_, completed) = await server.Api.SubmitAsync(_access, zip);
        var detail = Detail(await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity));
        Assert.Contains("compression ratio", detail);
        Assert.Contains("zip bomb", detail);
    }

    [Fact]
    public async Task Member_named_twice_is_refused()
    {
        using var memory = new MemoryStream();
        memory.Write(Workloads.WorkedExampleZip());
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Update, leaveOpen: true))
        using (var second = zip.CreateEntry(WorkloadFiles.Config).Open())
            second.Write("[DEFAULT]\n"u8);
        var (_, completed) = await server.Api.SubmitAsync(_access, memory.ToArray());
        var detail = Detail(await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity));
        Assert.Contains(WorkloadFiles.Config, detail);
        Assert.Contains("twice", detail);
    }

    [Fact]
    public async Task Not_a_zip_is_refused()
    {
        var (_, completed) = await server.Api.SubmitAsync(_access, "this is not a zip archive"u8.ToArray());
        Assert.Contains("not a readable zip", Detail(await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task Missing_table_is_named()
    {
        var folder = Workloads.WorkedExampleFolder();
        File.Delete(WorkloadFiles.PathIn(folder, WorkloadFiles.GeocodeObject));
        var (_, completed) = await server.Api.SubmitAsync(_access, Workloads.Zip(folder));
        Directory.Delete(folder, recursive: true);
        Assert.Contains(WorkloadFiles.GeocodeObject, Detail(await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task Table_without_parquet_magic_is_refused()
    {
        var zip = Workloads.WorkedExampleZipWith((WorkloadFiles.AssetObject, "not parquet at all, just text"u8.ToArray()));
        var (_, completed) = await server.Api.SubmitAsync(_access, zip);
        var detail = Detail(await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity));
        Assert.Contains(WorkloadFiles.AssetObject, detail);
        Assert.Contains("PAR1", detail);
    }

    [Fact]
    public async Task Corrupt_table_with_parquet_magic_is_named()
    {
        var corrupt = "PAR1"u8.ToArray().Concat(Enumerable.Repeat((byte)0x5A, 200)).Concat(BitConverter.GetBytes(100)).Concat("PAR1"u8.ToArray()).ToArray();
        var (_, completed) = await server.Api.SubmitAsync(_access, Workloads.WorkedExampleZipWith((WorkloadFiles.AssetGroup, corrupt)));
        var problem = await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The workload failed pre-flight", problem.GetProperty("title").GetString());
        Assert.Contains("tbl_asset_group", Detail(problem));
    }

    [Fact]
    public async Task Wrong_schema_gives_the_preflight_error()
    {
        // A real Parquet file, but tbl_asset_group's columns where tbl_geocode_object's belong.
        var folder = Workloads.WorkedExampleFolder();
        File.Copy(WorkloadFiles.PathIn(folder, WorkloadFiles.AssetGroup), WorkloadFiles.PathIn(folder, WorkloadFiles.GeocodeObject), overwrite: true);
        var (_, completed) = await server.Api.SubmitAsync(_access, Workloads.Zip(folder));
        string expected;
        try
        {
            expected = Assert.Throws<WorkloadException>(() => MesaWorkload.Load(folder).Preflight()).Message;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        var problem = await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The workload failed pre-flight", problem.GetProperty("title").GetString());
        Assert.Equal(expected, Detail(problem));
        Assert.Contains("tbl_geocode_object", expected);
    }

    [Fact]
    public async Task Workload_without_assessed_groups_fails_preflight()
    {
        var folder = new Mesa.Processing.Tests.Workload.TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", 0, 0)
            .AddAssetObject(1, 1, Mesa.Processing.Tests.Pipeline.WorkedExampleWorkload.Cell(10))
            .AddGeocode("c1", "basic_mosaic", Mesa.Processing.Tests.Pipeline.WorkedExampleWorkload.Cell(10))
            .Build(Directory.CreateTempSubdirectory("mesa-unassessed-").FullName);
        var (_, completed) = await server.Api.SubmitAsync(_access, Workloads.Zip(folder));
        Directory.Delete(folder, recursive: true);
        Assert.Contains("sensitivity cannot be computed", Detail(await RefusedAsync(completed, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task A_refused_workload_can_be_replaced_by_a_good_one()
    {
        var (jobId, url) = await server.Api.CreateJobAsync(_access);
        await server.Api.UploadAsync(url, "junk"u8.ToArray());
        await RefusedAsync(await server.Api.CompleteAsync(_access, jobId), HttpStatusCode.UnprocessableEntity);
        var folder = Workloads.WorkedExampleFolder();
        Assert.Equal(HttpStatusCode.OK, (await server.Api.UploadAsync(url, Workloads.Zip(folder))).StatusCode);
        Directory.Delete(folder, recursive: true);
        Assert.Equal(HttpStatusCode.Accepted, (await server.Api.CompleteAsync(_access, jobId)).StatusCode);
        Assert.Equal("finished", (await server.Api.WaitForAsync(_access, jobId, "finished", "failed")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Oversized_upload_with_content_length_is_refused()
    {
        var (jobId, url) = await server.Api.CreateJobAsync(_access);
        var response = await server.Api.UploadAsync(url, new byte[SharedServer.UploadLimit + 1]);
        Assert.Contains("limit", Detail(await RefusedAsync(response, HttpStatusCode.RequestEntityTooLarge)));
        Assert.False(File.Exists(Path.Combine(server.Host.DataFolder, "jobs", jobId, "upload.zip")));
    }

    [Fact]
    public async Task Oversized_chunked_upload_is_stopped_while_streaming()
    {
        var (jobId, url) = await server.Api.CreateJobAsync(_access);
        using var content = new StreamContent(new UnsizedStream(new byte[3 * SharedServer.UploadLimit]));
        var response = await server.Api.Http.PutAsync(url, content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.Host.DataFolder, "jobs", jobId)));
    }

    [Fact]
    public async Task Concurrent_completions_queue_the_job_once()
    {
        var (jobId, url) = await server.Api.CreateJobAsync(_access);
        var folder = Workloads.WorkedExampleFolder();
        await server.Api.UploadAsync(url, Workloads.Zip(folder));
        Directory.Delete(folder, recursive: true);
        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => server.Api.CompleteAsync(_access, jobId)));
        Assert.Single(replies, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(replies.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal("finished", (await server.Api.WaitForAsync(_access, jobId, "finished", "failed")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Complete_without_upload_is_a_conflict()
    {
        var (jobId, _) = await server.Api.CreateJobAsync(_access);
        Assert.Contains("PUT the zip", Detail(await RefusedAsync(await server.Api.CompleteAsync(_access, jobId), HttpStatusCode.Conflict)));
    }

    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await MesaApi.ProblemAsync(response);
    }

    private static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;
}
