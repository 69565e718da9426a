using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Mesa.Server.Configuration;

namespace Mesa.Server.Peers;

/// <summary>
/// Which HTTPS certificates this server accepts from its peers: those the operating system trusts, and those that chain
/// to a certificate in <c>Mesa:Peers:TrustedCertificates</c> (PEM files: a private CA, or a peer's self-signed
/// certificate itself). The host name is always checked; validation is never switched off.
/// </summary>
public sealed class PeerTrust
{
    private readonly X509Certificate2Collection _roots = [];

    public PeerTrust(PeerOptions options)
    {
        foreach (var path in options.TrustedCertificates)
        {
            if (!File.Exists(path)) throw new InvalidOperationException($"Mesa:Peers:TrustedCertificates names '{path}', which does not exist.");
            var before = _roots.Count;
            _roots.ImportFromPemFile(path);
            if (_roots.Count == before) throw new InvalidOperationException($"Mesa:Peers:TrustedCertificates names '{path}', which holds no PEM certificate.");
        }
    }

    /// <summary>The handler of the <see cref="ServerPeerGrain.HttpClientName"/> client.</summary>
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
