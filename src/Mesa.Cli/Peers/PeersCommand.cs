using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mesa.Cli.Client;
using Mesa.Identity;

namespace Mesa.Cli.Peers;

/// <summary>
/// <c>mesa-cloud peers seed create | verify | import | activate</c>: the signed cluster seed that tells MESA servers which
/// other servers to exchange status with (docs/peers.md).
/// </summary>
internal static class PeersCommand
{
    public static Command Create() => new("peers", "Servers that know each other")
    {
        new Command("seed", "The signed cluster seed: create, verify, import into a server, roll back")
        {
            CreateCommand(),
            VerifyCommand(),
            ImportCommand(),
            ActivateCommand(),
        },
    };

    private static Command CreateCommand()
    {
        var root = new Option<string?>("--root") { Description = "Sign with this root private key (from 'keys init-root')" };
        var key = new Option<string?>("--key") { Description = "Sign with this admin key instead (PEM private key certified by the root; see --certificate)" };
        var certificate = new Option<string?>("--certificate") { Description = "The root's certificate of --key (a KID.cert.json)" };
        var peers = new Option<string[]>("--peer")
        {
            Required = true,
            AllowMultipleArgumentsPerToken = false,
            Description = "A server of the cluster: BASE_URL,ROOT_FINGERPRINT,LABEL (repeat for each; listing the signing server too is fine)",
        };
        var version = new Option<long>("--version") { Required = true, Description = "The seed's version: higher than any seed the servers imported before" };
        var seedId = new Option<string?>("--seed-id") { Description = "The seed's id (default: a new one)" };
        var output = new Option<string>("--out") { Required = true, Description = "Where to write the signed seed" };
        var command = new Command("create", "Write a cluster seed signed with the root key, or with an admin key the root certified")
        {
            root, key, certificate, peers, version, seedId, output,
        };
        command.SetAction((parse, _) => ClientCommand.RunAsync("peers seed create", () =>
        {
            var seed = new ClusterSeed(ClusterSeed.CurrentSchemaVersion, parse.GetValue(seedId) ?? Guid.NewGuid().ToString("N"), parse.GetValue(version),
                DateTimeOffset.UtcNow, parse.GetValue(peers)!.Select(ParsePeer).ToList());
            var signed = Sign(seed, parse.GetValue(root), parse.GetValue(key), parse.GetValue(certificate));
            var json = signed.ToJson();
            SignedClusterSeed.Verify(json, signed.SignerRoot());
            NewFile.Create(parse.GetValue(output)!, json, ownerOnly: false);
            Console.WriteLine(Summary(signed));
            Console.Error.WriteLine($"Seed written to {parse.GetValue(output)}; import it into each server signed by this root ('mesa-cloud peers seed import').");
            return Task.CompletedTask;
        }));
        return command;
    }

    private static Command VerifyCommand()
    {
        var file = FileArgument();
        var fingerprint = new Option<string?>("--root-fingerprint") { Description = "The root the seed must be signed under (64 hex characters); default: the root its signature names" };
        var command = new Command("verify", "Check a seed's signature and fields and print a summary") { file, fingerprint };
        command.SetAction((parse, _) => ClientCommand.RunAsync("peers seed verify", async () =>
        {
            var seed = SignedClusterSeed.Verify(await ReadAsync(parse.GetValue(file)!), parse.GetValue(fingerprint) is { } text ? KeyFingerprint.Parse(text) : null);
            Console.WriteLine(Summary(seed));
        }));
        return command;
    }

    private static Command ImportCommand()
    {
        var file = FileArgument();
        var server = ClientCommand.Server();
        var adminKey = AdminKeyOption();
        var command = new Command("import", "Import a seed into a server (which checks it against its own root and its newest seed)") { file, server, adminKey };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("peers seed import", async () =>
        {
            var json = await ReadAsync(parse.GetValue(file)!);
            // Checked here first, so an unsigned or tampered file is named before anything is sent.
            SignedClusterSeed.Verify(json, trustedRoot: null);
            using var client = new ServerClient(parse.GetValue(server)!);
            var reply = await client.PostAsync("/admin/peers/seed", JsonSerializer.Deserialize<JsonElement>(json), cancellation, AdminHeaders(parse.GetValue(adminKey)));
            Console.WriteLine($"imported: seed {reply.GetProperty("seed_id").GetString()} version {reply.GetProperty("version").GetInt64()} with {reply.GetProperty("peers").GetInt32()} peers is now in force on {parse.GetValue(server)}");
        }));
        return command;
    }

    private static Command ActivateCommand()
    {
        var version = new Argument<long>("VERSION") { Description = "The version of an imported seed" };
        var server = ClientCommand.Server();
        var adminKey = AdminKeyOption();
        var command = new Command("activate", "Roll a server back (or forward) to a seed it imported before") { version, server, adminKey };
        command.SetAction((parse, cancellation) => ClientCommand.RunAsync("peers seed activate", async () =>
        {
            using var client = new ServerClient(parse.GetValue(server)!);
            await client.PostAsync($"/admin/peers/seed/{parse.GetValue(version).ToString(CultureInfo.InvariantCulture)}/activate", null, cancellation, AdminHeaders(parse.GetValue(adminKey)));
            Console.WriteLine($"seed version {parse.GetValue(version)} is now in force on {parse.GetValue(server)}");
        }));
        return command;
    }

    private static SignedClusterSeed Sign(ClusterSeed seed, string? rootPath, string? keyPath, string? certificatePath)
    {
        if (rootPath is not null == (keyPath is not null))
            throw new ClientException("give either --root, or --key with --certificate.");
        if (rootPath is not null)
        {
            using var root = P256Keys.LoadPrivate(rootPath);
            return SignedClusterSeed.Sign(seed, root, certificate: null);
        }
        if (certificatePath is null) throw new ClientException("--key needs --certificate, the root's certificate of that key.");
        var certificate = IdentityJson.Read<KeyCertificate>(File.ReadAllText(certificatePath), certificatePath);
        certificate.Verify(certificate.RootFingerprint).Dispose();
        using var key = P256Keys.LoadPrivate(keyPath!);
        if (KeyFingerprint.KeyId(key) != certificate.Kid) throw new ClientException($"{keyPath} is not the key {certificatePath} certifies ({certificate.Kid}).");
        if (!certificate.IsValidAt(seed.Created)) throw new ClientException($"the certificate of key {certificate.Kid} is not valid now (from {certificate.NotBefore:O} to {certificate.NotAfter:O}).");
        return SignedClusterSeed.Sign(seed, key, certificate);
    }

    private static SeedPeer ParsePeer(string text)
    {
        var parts = text.Split(',', 3, StringSplitOptions.TrimEntries);
        if (parts.Length != 3) throw new ClientException($"--peer '{text}' is not BASE_URL,ROOT_FINGERPRINT,LABEL.");
        return new SeedPeer(parts[0].TrimEnd('/'), KeyFingerprint.Parse(parts[1]), parts[2]);
    }

    private static Argument<string> FileArgument() => new("FILE") { Description = "The seed file" };

    private static Option<string?> AdminKeyOption() => new("--admin-key")
    {
        Description = "The server's Mesa:Cluster:AdminApiKey (default: $MESA_ADMIN_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MESA_ADMIN_KEY"),
    };

    private static Dictionary<string, string> AdminHeaders(string? adminKey) =>
        adminKey is { Length: > 0 } ? new() { ["X-Mesa-Admin-Key"] = adminKey } : throw new ClientException("the server's admin key is needed: pass --admin-key or set MESA_ADMIN_KEY.");

    private static async Task<string> ReadAsync(string path) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path) : throw new ClientException($"{path} does not exist.");

    private static string Summary(SignedClusterSeed signed)
    {
        var seed = signed.Seed;
        return $"valid: seed {seed.SeedId} version {seed.Version} of {seed.Created:yyyy-MM-dd HH:mm} UTC, signed by key {signed.Signature!.KeyId} under root {signed.SignerRoot()}, " +
            $"{seed.Peers.Count} peers: {string.Join("; ", seed.Peers.Select(p => $"{p.Label} {p.BaseUrl} {p.RootFingerprint[..16]}"))}";
    }
}
