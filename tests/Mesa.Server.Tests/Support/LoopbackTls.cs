using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// A private CA made for one test and a server certificate it issued for 127.0.0.1, as PEM files: Kestrel serves the
/// certificate, and whoever is told to trust the CA file accepts it.
/// </summary>
internal sealed record LoopbackTls(string CaPath, string CertificatePath, string KeyPath)
{
    public static LoopbackTls Create(string folder, string name)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN=Mesa test CA {name}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var certificate = request.Create(ca, now.AddMinutes(-30), now.AddHours(12), RandomNumberGenerator.GetBytes(16));

        var tls = new LoopbackTls(Path.Combine(folder, $"{name}-ca.pem"), Path.Combine(folder, $"{name}-cert.pem"), Path.Combine(folder, $"{name}-key.pem"));
        File.WriteAllText(tls.CaPath, ca.ExportCertificatePem());
        File.WriteAllText(tls.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(tls.KeyPath, key.ExportPkcs8PrivateKeyPem());
        return tls;
    }

    /// <summary>Settings that make a node serve HTTPS on a loopback port with this certificate and trust this CA for its peers.</summary>
    public void AddTo(IDictionary<string, string> settings)
    {
        settings["Urls"] = "https://127.0.0.1:0";
        settings["Kestrel:Certificates:Default:Path"] = CertificatePath;
        settings["Kestrel:Certificates:Default:KeyPath"] = KeyPath;
        settings["Mesa:Peers:TrustedCertificates:0"] = CaPath;
    }
}
