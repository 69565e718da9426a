using System.CommandLine;
using Mesa.Cli.Client;
using Mesa.Cli.Keys;
using Mesa.Identity;

namespace Mesa.Cli.Profiles;

/// <summary><c>mesa-cloud profile create | verify | import</c>: the signed server profile file (docs/keys.md).</summary>
internal static class ProfileCommand
{
    public static Command Create() => new("profile", "Signed server profiles: create one with the root key, verify one, import one as the default server")
    {
        CreateCommand(),
        VerifyCommand(),
        ImportCommand(),
    };

    private static Command CreateCommand()
    {
        var root = KeysCommand.RootOption();
        var output = new Option<string>("--out") { Required = true, Description = "Where to write the profile" };
        var baseUrl = new Option<string>("--base-url") { Required = true, Description = "Where clients reach the server, e.g. https://api.mesa.example.org" };
        var dnsName = new Option<string?>("--dns-name") { Description = "Stable DNS name (default: the host of --base-url)" };
        var ip = new Option<string?>("--ip") { Description = "Optional fixed IP address" };
        var environment = new Option<string>("--environment") { Description = "Environment label", DefaultValueFactory = _ => "production" };
        var maxUpload = new Option<long>("--max-upload-bytes") { Description = "Largest accepted upload", DefaultValueFactory = _ => 200L * 1024 * 1024 };
        var maxJobs = new Option<int>("--max-concurrent-jobs") { Description = "Jobs processed at once", DefaultValueFactory = _ => 1 };
        var gpuCount = new Option<int>("--gpu-count") { Description = "GPUs available to jobs" };
        var gpuType = new Option<string?>("--gpu-type") { Description = "GPU model, e.g. H100" };
        var retention = new Option<double>("--retention-days") { Description = "How long results are kept", DefaultValueFactory = _ => 2 };
        var maxMinutes = new Option<int>("--max-job-minutes") { Description = "Longest a job may run", DefaultValueFactory = _ => 24 * 60 };
        var scope = new Option<string>("--scope") { Description = "Pipeline stages the server runs", DefaultValueFactory = _ => "intersect flatten segment tiles" };
        var dataFolder = KeysCommand.DataFolderOption();
        dataFolder.Description = "Data folder whose newest active key the profile names; default ./mesa-data";
        var command = new Command("create", "Write a server profile signed with the root key")
        {
            root, output, baseUrl, dnsName, ip, environment, maxUpload, maxJobs, gpuCount, gpuType, retention, maxMinutes, scope, dataFolder,
        };
        command.SetAction((parse, _) => ClientCommand.RunAsync("profile create", () =>
        {
            using var rootKey = P256Keys.LoadPrivate(parse.GetValue(root)!);
            var keys = KeyFolder.InDataFolder(parse.GetValue(dataFolder)!);
            var active = keys.Load().FirstOrDefault(k => !k.IsRevoked && k.Certificate.IsValidAt(DateTimeOffset.UtcNow))
                ?? throw new ClientException($"no usable active key in {keys.ActiveFolder}; run 'mesa-cloud keys issue-active' first.");
            if (active.Certificate.RootFingerprint != KeyFingerprint.Of(rootKey))
                throw new ClientException($"the active keys in {keys.ActiveFolder} are certified by another root than {parse.GetValue(root)}.");
            var url = parse.GetValue(baseUrl)!.TrimEnd('/');
            var host = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed.Host : throw new ClientException($"--base-url '{url}' is not an absolute URL.");
            var profile = new ServerProfile(ServerProfile.CurrentSchemaVersion, Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow,
                new ServerIdentity(parse.GetValue(dnsName) ?? host, parse.GetValue(ip), url, parse.GetValue(environment)!),
                new CapacityHints(parse.GetValue(maxUpload), parse.GetValue(maxJobs), parse.GetValue(gpuCount), parse.GetValue(gpuType)),
                new TrustBundle(KeyFingerprint.Of(rootKey), active.Kid, url + "/.well-known/mesa-keys"),
                new PolicyHints(parse.GetValue(retention), parse.GetValue(maxMinutes), parse.GetValue(scope)!));
            var json = SignedServerProfile.SignWithRoot(profile, rootKey).ToJson();
            // Checked as a client would, so a bad option (an IP that is not one, say) fails here and not at the user's.
            SignedServerProfile.Verify(json, KeyFingerprint.Of(rootKey));
            NewFile.Create(parse.GetValue(output)!, json, ownerOnly: false);
            Console.Error.WriteLine($"Profile {profile.ProfileId} for {profile.Server.BaseUrl} written to {parse.GetValue(output)}.");
            return Task.CompletedTask;
        }));
        return command;
    }

    private static Command VerifyCommand()
    {
        var file = new Argument<string>("FILE") { Description = "The profile file" };
        var fingerprint = new Option<string>("--root-fingerprint") { Required = true, Description = "The root fingerprint the admin gave you (64 hex characters)" };
        var command = new Command("verify", "Check a profile's signature against a root fingerprint and print a summary") { file, fingerprint };
        command.SetAction((parse, _) => ClientCommand.RunAsync("profile verify", async () =>
        {
            var profile = SignedServerProfile.Verify(await ReadAsync(parse.GetValue(file)!), KeyFingerprint.Parse(parse.GetValue(fingerprint)!));
            Console.WriteLine(Summary(profile));
        }));
        return command;
    }

    private static Command ImportCommand()
    {
        var file = new Argument<string>("FILE") { Description = "The profile file" };
        var fingerprint = new Option<string?>("--root-fingerprint")
        {
            Description = "The root fingerprint the admin gave you; required when it differs from the one pinned for this server",
        };
        var command = new Command("import", "Verify a profile and use its server by default from now on, pinning its root fingerprint") { file, fingerprint };
        command.SetAction((parse, _) => ClientCommand.RunAsync("profile import", async () =>
        {
            var json = await ReadAsync(parse.GetValue(file)!);
            var given = parse.GetValue(fingerprint) is { } text ? KeyFingerprint.Parse(text) : null;
            var profile = SignedServerProfile.Verify(json, given);
            if (given is null && ImportedServer.PinnedRoot(profile.Server.DnsName) is { } pinned && pinned != profile.Trust.RootFingerprint)
                throw new ClientException($"{profile.Server.DnsName} is pinned to root {pinned}, but this profile is signed by root {profile.Trust.RootFingerprint}; pass --root-fingerprint if your admin announced the new root.");
            ImportedServer.Save(profile, json);
            Console.WriteLine(Summary(profile));
            Console.Error.WriteLine($"{profile.Server.BaseUrl} is now the default server (root {profile.Trust.RootFingerprint} pinned).");
        }));
        return command;
    }

    private static async Task<string> ReadAsync(string path) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path) : throw new ClientException($"{path} does not exist.");

    private static string Summary(ServerProfile profile) =>
        $"valid: {profile.Server.BaseUrl} ({profile.Server.Environment}), profile {profile.ProfileId} of {profile.Created:yyyy-MM-dd HH:mm} UTC, " +
        $"root {profile.Trust.RootFingerprint}, active key {profile.Trust.ActiveKeyId}";
}
