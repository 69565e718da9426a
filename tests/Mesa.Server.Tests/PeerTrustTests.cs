using Mesa.Server.Configuration;
using Mesa.Server.Security;

namespace Mesa.Server.Tests;

/// <summary>A trusted-certificate setting that names no usable certificate stops the server with a message naming the file.</summary>
public sealed class PeerTrustTests
{
    [Fact]
    public void A_missing_or_certificate_less_file_is_refused_by_name()
    {
        var folder = Directory.CreateTempSubdirectory("mesa-peer-trust-").FullName;
        try
        {
            var missing = Path.Combine(folder, "missing.pem");
            var error = Assert.Throws<InvalidOperationException>(() => new PeerOptions { TrustedCertificates = [missing] }.CertificateTrust());
            Assert.Equal($"Mesa:Peers:TrustedCertificates names '{missing}', which does not exist.", error.Message);

            var empty = Path.Combine(folder, "key-only.pem");
            using (var key = System.Security.Cryptography.ECDsa.Create()) File.WriteAllText(empty, key.ExportPkcs8PrivateKeyPem());
            error = Assert.Throws<InvalidOperationException>(() => new PeerOptions { TrustedCertificates = [empty] }.CertificateTrust());
            Assert.Equal($"Mesa:Peers:TrustedCertificates names '{empty}', which holds no PEM certificate.", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
