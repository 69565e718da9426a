using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Server.Tests.Operations;

/// <summary>
/// The environment probe over the API: recorded at start-up, again on demand with the history growing, on the SQLite
/// store and on PostgreSQL (with the postgis engine, whose database reports its PostGIS); and from <c>mesa-cloud probe</c>.
/// </summary>
public sealed class ServerInfoTests
{
    private const string AdminKey = "probe-test-admin-key";

    [Fact]
    public async Task The_start_up_probe_is_recorded_and_each_probe_adds_to_the_history()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Cluster:AdminApiKey"] = AdminKey });

        var atStart = await LatestAsync(host);
        var facts = atStart.GetProperty("latest");
        AssertHostFacts(facts);
        Assert.Equal("sqlite", facts.GetProperty("state_store").GetString());
        Assert.Empty(facts.GetProperty("postgres").EnumerateArray());
        var disk = facts.GetProperty("disks").EnumerateArray().First();
        Assert.Equal(host.DataFolder, disk.GetProperty("folder").GetString());

        var probed = await ProbeAsync(host);
        Assert.True(probed.GetProperty("latest").GetProperty("seq").GetInt64() > facts.GetProperty("seq").GetInt64());
        Assert.Equal(atStart.GetProperty("history").GetArrayLength() + 1, probed.GetProperty("history").GetArrayLength());

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.PostAsync("/admin/server-info/probe", null)).StatusCode);
        // A console session probes too, with its CSRF token as on every state-changing admin call.
        var admin = await AdminClient.SignedInAsync(host);
        var withoutCsrf = await AdminClient.SendRawAsync(host, HttpMethod.Post, "/admin/server-info/probe", admin.Cookie, null, null);
        Assert.Equal(HttpStatusCode.Forbidden, withoutCsrf.StatusCode);
        Assert.Equal("CSRF check failed", (await MesaApi.ProblemAsync(withoutCsrf)).GetProperty("title").GetString());
        var byConsole = await admin.JsonAsync(HttpMethod.Post, "/admin/server-info/probe");
        Assert.Equal(probed.GetProperty("history").GetArrayLength() + 1, byConsole.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task On_postgres_the_probe_reports_postgresql_and_postgis()
    {
        await using var postgres = await TestPostgres.CreateAsync();
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Cluster:AdminApiKey"] = AdminKey,
            ["Mesa:State:Provider"] = "postgres",
            ["Mesa:State:ConnectionString"] = postgres.ConnectionString,
            ["Mesa:Processing:Engine"] = "postgis",
            ["Mesa:Processing:PostGisConnectionString"] = TestPostgres.BaseConnectionString,
        });

        var first = await LatestAsync(host);
        var facts = (await ProbeAsync(host)).GetProperty("latest");
        AssertHostFacts(facts);
        Assert.Equal("postgres", facts.GetProperty("state_store").GetString());
        var databases = facts.GetProperty("postgres").EnumerateArray().ToDictionary(d => d.GetProperty("role").GetString()!);
        Assert.Equal(["postgis engine", "state store"], databases.Keys.Order());
        foreach (var database in databases.Values)
        {
            Assert.Equal(JsonValueKind.Null, database.GetProperty("error").ValueKind);
            Assert.StartsWith("PostgreSQL", database.GetProperty("version").GetString());
        }
        var postgis = databases["postgis engine"];
        Assert.StartsWith("POSTGIS=", postgis.GetProperty("postgis_version").GetString());
        Assert.Contains(postgis.GetProperty("extensions").EnumerateArray(), e => e.GetProperty("name").GetString() == "postgis");
        Assert.True(facts.GetProperty("seq").GetInt64() > first.GetProperty("latest").GetProperty("seq").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Mesa_cloud_probe_shows_the_facts_readably_and_as_json()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Cluster:AdminApiKey"] = AdminKey });
        var server = host.Http.BaseAddress!.ToString();
        var environment = new Dictionary<string, string> { ["MESA_ADMIN_KEY"] = AdminKey };

        var readable = CliRunner.RunWith(environment, "probe", "--server", server);
        Assert.True(readable.ExitCode == 0, readable.Stderr);
        foreach (var label in new[] { "OS", "CPU", "Memory", "Disk", "PostgreSQL  not configured", "GPU", ".NET", "Packages" })
            Assert.Contains(label, readable.Stdout);
        Assert.Contains("write+fsync", readable.Stdout);

        var json = CliRunner.RunWith(environment, "probe", "--server", server, "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        var reply = JsonSerializer.Deserialize<JsonElement>(json.Stdout);
        AssertHostFacts(reply.GetProperty("latest"));
        Assert.True(reply.GetProperty("history").GetArrayLength() >= 2);

        var refused = CliRunner.RunWith(new Dictionary<string, string> { ["MESA_ADMIN_KEY"] = "wrong" }, "probe", "--server", server);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("401", refused.Stderr);
    }

    private static void AssertHostFacts(JsonElement facts)
    {
        var host = facts.GetProperty("host");
        Assert.False(string.IsNullOrWhiteSpace(host.GetProperty("os").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(host.GetProperty("kernel").GetString()));
        Assert.True(host.GetProperty("cores").GetInt32() > 0);
        Assert.True(host.GetProperty("memory_total_bytes").GetInt64() > 0);
        Assert.True(host.GetProperty("memory_available_bytes").GetInt64() > 0);
        var disk = facts.GetProperty("disks").EnumerateArray().First();
        Assert.Equal(JsonValueKind.Null, disk.GetProperty("error").ValueKind);
        Assert.True(disk.GetProperty("free_bytes").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(disk.GetProperty("mount").GetString()));
        Assert.False(string.IsNullOrEmpty(disk.GetProperty("filesystem").GetString()));
        Assert.True(disk.GetProperty("write_fsync_ms").GetDouble() >= 0);
        Assert.True(disk.GetProperty("read_ms").GetDouble() >= 0);
        // No GPU is a valid answer; either way the GPU part is there.
        Assert.Equal(JsonValueKind.Array, facts.GetProperty("gpu").GetProperty("gpus").ValueKind);
        var software = facts.GetProperty("software");
        Assert.StartsWith(".NET", software.GetProperty("runtime").GetString());
        foreach (var package in new[] { "Mesa.Server", "Microsoft.Orleans", "Npgsql", "NetTopologySuite" })
            Assert.True(software.GetProperty("packages").TryGetProperty(package, out _), $"no version of {package}");
    }

    /// <summary>The start-up probe runs in the background once the server listens.</summary>
    private static async Task<JsonElement> LatestAsync(ServerHost host)
    {
        JsonElement reply = default;
        await Eventually.HoldsAsync(async () =>
        {
            reply = await SendAsync(host, HttpMethod.Get, "/admin/server-info");
            return reply.GetProperty("latest").ValueKind == JsonValueKind.Object;
        }, "the start-up probe");
        return reply;
    }

    private static Task<JsonElement> ProbeAsync(ServerHost host) => SendAsync(host, HttpMethod.Post, "/admin/server-info/probe");

    private static async Task<JsonElement> SendAsync(ServerHost host, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Mesa-Admin-Key", AdminKey);
        var response = await host.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
