using Dapper;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;
using Npgsql;

namespace Mesa.Server.Tests;

/// <summary>
/// Two real silos on one PostgreSQL schema, one of which claims a GPU: jobs that require a GPU run only there, even
/// while the other silo stands idle; the others run on either.
/// </summary>
public sealed class ClusterPlacementTests
{
    [Fact]
    public async Task Jobs_that_require_a_gpu_run_only_on_the_silo_that_has_one()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        await using var smtp = new SmtpCapture();
        var data = Directory.CreateTempSubdirectory("mesa-placement-data-").FullName;
        var logs = Directory.CreateTempSubdirectory("mesa-placement-logs-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            foreach (var (name, gpu) in new[] { ("gpu", true), ("cpu", false) })
            {
                var settings = ClusterNodes.Settings(data, postgres.ConnectionString, smtp.Port);
                settings["Mesa:Cluster:Gpu"] = gpu ? "true" : "false";
                // A node that claims a GPU is ready only when the GPU smoke test passes; here the gpu engine's
                // kernels and that test run on ILGPU's CPU accelerator.
                if (gpu)
                {
                    settings["Mesa:Processing:Engine"] = "gpu";
                    settings["Mesa:Processing:GpuAccelerator"] = "cpu";
                    // nvidia-smi's view of the GPU feeds the utilisation gauges.
                    settings["PATH"] = FakeNvidiaSmi.Path(logs);
                }
                nodes.Add(await NodeProcess.StartAsync(name, logs, settings));
            }
            var (gpuNode, cpuNode) = (nodes[0], nodes[1]);
            // Both slots reported to the queue, each with what it offers.
            var view = await ClusterNodes.WaitForAsync(cpuNode, v => v.Healthy.Count == 2 && v.Nodes.Count(n => n.Gpu is not null && n.Address is { Length: > 0 }) == 2);
            var gpuSilo = view.Nodes.SingleOrDefault(n => n.Address == gpuNode.Url) ?? throw new InvalidOperationException($"{gpuNode.Url} not in {view}");
            Assert.True(gpuSilo.Gpu);
            Assert.False(view.Nodes.Single(n => n.Address == cpuNode.Url).Gpu);

            var api = new MesaApi(() => cpuNode.Http, smtp);
            var access = await api.SignInAsync();
            var zip = Workloads.WorkedExampleZip();
            var gpuJobs = new List<string>();
            for (var i = 0; i < 3; i++) gpuJobs.Add((await api.SubmitAsync(access, zip, requiresGpu: true)).JobId);
            var (plainJob, _) = await api.SubmitAsync(access, zip);
            foreach (var job in gpuJobs.Append(plainJob))
                Assert.Equal("finished", (await api.WaitForAsync(access, job, "finished", "failed", "cancelled")).GetProperty("state").GetString());

            await using var connection = new NpgsqlConnection(postgres.ConnectionString);
            var ranOn = (await connection.QueryAsync<(string Id, string NodeId)>("SELECT id, node_id FROM jobs")).ToDictionary(j => j.Id, j => j.NodeId);
            Assert.All(gpuJobs, job => Assert.Equal(gpuSilo.Id, ranOn[job]));
            Assert.Contains(ranOn[plainJob], view.Nodes.Select(n => n.Id));

            // The GPU node's scrape reports how busy its GPU is; the other node has no GPU gauges.
            var gpuLines = string.Join("\n", (await ScrapeAsync(gpuNode)).Split('\n').Where(l => l.StartsWith("mesa_gpu_")));
            Assert.Matches($"mesa_gpu_utilization\\{{[^}}]*name=\"{FakeNvidiaSmi.Name}\"[^}}]*\\}} 0\\.37", gpuLines);
            Assert.Matches($"mesa_gpu_memory_used_bytes\\{{[^}}]*gpu=\"0\"[^}}]*\\}} {FakeNvidiaSmi.MemoryUsedMiB * 1024L * 1024}", gpuLines);
            Assert.Contains("mesa_queue_length", await ScrapeAsync(cpuNode));
            Assert.DoesNotContain("mesa_gpu_", await ScrapeAsync(cpuNode));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw NodeProcess.FailureWithLogs(e, nodes);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            Directory.Delete(data, recursive: true);
            Directory.Delete(logs, recursive: true);
        }
    }

    private static async Task<string> ScrapeAsync(NodeProcess node)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Mesa-Admin-Key", ClusterNodes.AdminKey);
        using var response = await node.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
