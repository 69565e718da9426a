using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mesa.Identity;
using Mesa.TestSupport;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// Separate MESA servers (each its own data folder, root key and Orleans cluster) for the peer tests: their settings,
/// seeds made and imported with the real <c>mesa-cloud peers seed</c> commands, the cluster view, and hand-made statuses.
/// </summary>
internal static partial class PeerServers
{
    public const string AdminKey = "peer-test-admin-key";

    /// <summary>A server's settings with short gossip intervals: it is unreachable to its peers 4 s after it stopped answering.</summary>
    public static Dictionary<string, string> Settings(string data, int smtpPort) => new()
    {
        ["Mesa:DataFolder"] = data,
        ["Mesa:Smtp:Host"] = "127.0.0.1",
        ["Mesa:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mesa:Auth:RequestsPerIpPerWindow"] = "1000",
        ["Mesa:Auth:MailsPerEmailPerHour"] = "1000",
        ["Mesa:Processing:Threads"] = "1",
        ["Mesa:Cluster:AdminApiKey"] = AdminKey,
        ["Mesa:Peers:IntervalSeconds"] = "1",
        ["Mesa:Peers:TimeoutSeconds"] = "4",
        ["Mesa:Peers:StaleSeconds"] = "60",
        ["Mesa:Peers:ReplayWindowSeconds"] = "30",
    };

    /// <summary>A data folder with an active key certified by a new root of its own; returns the folder, the root key file and its fingerprint.</summary>
    public static (string Data, string RootPath, string Fingerprint) NewServerFolder(string parent, string name)
    {
        var data = Directory.CreateDirectory(Path.Combine(parent, name)).FullName;
        var (rootPath, fingerprint) = KeysCli.InitRoot(parent);
        KeysCli.IssueActive(rootPath, data);
        return (data, rootPath, fingerprint);
    }

    /// <summary>Runs <c>mesa-cloud peers seed create</c>; returns the seed file.</summary>
    public static string CreateSeed(string folder, string rootPath, long version, params (string Url, string Fingerprint, string Label)[] peers)
    {
        var path = Path.Combine(folder, $"seed-{Guid.NewGuid():N}.json");
        var args = new List<string> { "peers", "seed", "create", "--root", rootPath, "--version", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", path };
        foreach (var (url, fingerprint, label) in peers) args.AddRange(["--peer", $"{url},{fingerprint},{label}"]);
        var result = CliRunner.Run([.. args]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return path;
    }

    /// <summary>Runs <c>mesa-cloud peers seed import</c>, with extra environment variables if given (a trusted CA, say).</summary>
    public static CliRunner.Result ImportSeed(string server, string seedFile, IReadOnlyDictionary<string, string>? environment = null) =>
        CliRunner.RunWith(environment ?? new Dictionary<string, string>(), "peers", "seed", "import", seedFile, "--server", server, "--admin-key", AdminKey);

    public static async Task<JsonElement> ViewAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/peers");
        request.Headers.Add("X-Mesa-Admin-Key", AdminKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The peer with <paramref name="label"/> in a cluster view.</summary>
    public static JsonElement Peer(JsonElement view, string label) =>
        view.GetProperty("peers").EnumerateArray().Single(p => p.GetProperty("label").GetString() == label);

    /// <summary>Polls <paramref name="http"/>'s cluster view until <paramref name="done"/> holds, for at most <paramref name="within"/>.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient http, Func<JsonElement, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        JsonElement view;
        do
        {
            view = await ViewAsync(http);
            if (done(view)) return view;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{what} did not happen within {within.TotalSeconds} s: {view}");
    }

    /// <summary>An active key certified by <paramref name="root"/>, as the server's key folder holds one.</summary>
    public static (ECDsa Key, KeyCertificate Certificate) NewActiveKey(ECDsa root)
    {
        var key = P256Keys.New();
        return (key, KeyCertificate.Issue(root, key, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1)));
    }

    /// <summary>The active key a server signs with, read from its data folder.</summary>
    public static (ECDsa Key, KeyCertificate Certificate) ActiveKeyOf(string data)
    {
        var active = KeyFolder.InDataFolder(data).Load()[0];
        return (P256Keys.LoadPrivate(active.PrivateKeyPath), active.Certificate);
    }

    /// <summary>A status as a server would send it, claiming to come from <paramref name="senderRoot"/>, signed by <paramref name="key"/>.</summary>
    public static string Status(string senderRoot, string senderUrl, string recipientRoot, ECDsa key, KeyCertificate certificate, DateTimeOffset sentAt,
        string version = "forged")
    {
        var host = new Uri(senderUrl).Host;
        var profile = SignedServerProfile.SignWithActiveKey(new ServerProfile(ServerProfile.CurrentSchemaVersion, Guid.NewGuid().ToString("N"), sentAt,
            new ServerIdentity(host, null, senderUrl, "test"), new CapacityHints(1000, 1, 0, null),
            new TrustBundle(senderRoot, certificate.Kid, senderUrl + "/.well-known/mesa-keys"), new PolicyHints(1, 60, "intersect")), key, certificate);
        var status = new PeerStatus(PeerStatus.CurrentSchemaVersion, senderRoot, senderUrl, recipientRoot, Guid.NewGuid().ToString("N"), sentAt,
            new PeerCapacity(2, 1L << 30, 0, null), 0, 0, PeerStatus.Healthy, version, profile);
        return SignedPeerStatus.Sign(status, key, certificate).ToJson();
    }

    public static async Task<HttpResponseMessage> PostStatusAsync(HttpClient http, string json) =>
        await http.PostAsync("/peers/status", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>What a peer grain logs first, so each line is one activation.</summary>
    public const string FirstSeen = "not seen by this activation";

    /// <summary>The changes of state a server logged about the peer with <paramref name="root"/>: (state, previous state), in order.</summary>
    public static List<(string State, string Previous)> StateLines(string log, string root) =>
        StateLine().Matches(log).Where(m => m.Groups["root"].Value == root).Select(m => (m.Groups["state"].Value, m.Groups["previous"].Value)).ToList();

    [GeneratedRegex(@"Peer [^(\n]+ \((?<root>[0-9a-f]+)\) is now (?<state>\w+) \(was (?<previous>[^)]+)\)")]
    private static partial Regex StateLine();
}
