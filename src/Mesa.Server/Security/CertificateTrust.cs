using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mesa.Server.Security;

/// <summary>
/// Which HTTPS certificates a connection accepts: those the operating system trusts, and those that chain to a
/// certificate in configured PEM files (a private CA, or a server's self-signed certificate itself). Servers use it for
/// their peers (<c>Mesa:Peers:TrustedCertificates</c>), the command-line client for the server it talks to
/// (<c>MESA_TRUSTED_CERTIFICATES</c>). The host name is always checked; validation is never switched off.
/// </summary>
public sealed class CertificateTrust
{
    private readonly X509Certificate2Collection _roots = [];

    /// <param name="pemFiles">The PEM files to trust besides the system's roots.</param>
    /// <param name="setting">Where the files were named, for the message when one is unusable.</param>
    public CertificateTrust(IEnumerable<string> pemFiles, string setting)
    {
        foreach (var path in pemFiles)
        {
            if (!File.Exists(path)) throw new InvalidOperationException($"{setting} names '{path}', which does not exist.");
            var before = _roots.Count;
            try
            {
                _roots.ImportFromPemFile(path);
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException($"{setting} names '{path}', which is not a readable PEM file: {e.Message}", e);
            }
            if (_roots.Count == before) throw new InvalidOperationException($"{setting} names '{path}', which holds no PEM certificate.");
        }
    }

    /// <summary>A handler for HTTP clients that validates server certificates this way.</summary>
    public HttpMessageHandler Handler() => new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Accepts(certificate, chain, errors) },
    };

    public bool Accepts(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        // A wrong host name or no certificate is never accepted; only a chain the system does not know may end at a configured root.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is not X509Certificate2 leaf || _roots.Count == 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_roots);
        // A private CA publishes no revocation list; trusting it is the operator's explicit choice in the settings.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements.Skip(1)) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(leaf);
    }
}
