using Mesa.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Mesa.Server.Security;

/// <summary>An active key as the server uses it: the JWT key and its certificate; <paramref name="CanSign"/> when this node holds the private key.</summary>
public sealed record SigningKey(ECDsaSecurityKey Key, KeyCertificate Certificate, DateTimeOffset? RevokedAt, bool CanSign)
{
    public string Kid => Certificate.Kid;
}
