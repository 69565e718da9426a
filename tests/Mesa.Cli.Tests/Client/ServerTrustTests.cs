using Mesa.Cli.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Client;

/// <summary>
/// <c>MESA_TRUSTED_CERTIFICATES</c> names the PEM files the client trusts for a server's HTTPS; one that cannot be used
/// stops the command before anything is sent, naming the file. (Trust through a private CA against a real HTTPS server
/// is exercised by the server tests' peer convergence test, which imports seeds with the CLI.)
/// </summary>
public sealed class ServerTrustTests
{
    [Fact]
    public void An_unusable_trusted_certificate_file_is_named_before_anything_is_sent()
    {
        var folder = Directory.CreateTempSubdirectory("mesa-cli-trust-").FullName;
        try
        {
            var missing = Path.Combine(folder, "missing.pem");
            CliAssert.Refused(Register(missing), $"mesa-cloud register: MESA_TRUSTED_CERTIFICATES names '{missing}', which does not exist.");

            var keyOnly = Path.Combine(folder, "key-only.pem");
            using (var key = System.Security.Cryptography.ECDsa.Create()) File.WriteAllText(keyOnly, key.ExportPkcs8PrivateKeyPem());
            CliAssert.Refused(Register(keyOnly), $"mesa-cloud register: MESA_TRUSTED_CERTIFICATES names '{keyOnly}', which holds no PEM certificate.");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Port 9 on loopback: nothing listens there, so a request that got sent would fail differently.
    private static CliRunner.Result Register(string trusted) => CliRunner.RunWith(
        new Dictionary<string, string> { ["MESA_TRUSTED_CERTIFICATES"] = trusted },
        "register", "--server", "https://127.0.0.1:9", "--name", "A", "--email", "a@example.org", "--affiliation", "B", "--summary", "C");
}
