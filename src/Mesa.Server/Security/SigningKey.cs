using Mesa.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Mesa.Server.Security;

/// <summary>An active key as the server uses it: the JWT key (private part present when this node holds it) and its certificate.</summary>
public sealed record SigningKey(ECDsaSecurityKey Key, KeyCertificate Certificate, DateTimeOffset? RevokedAt)
{
    public string Kid => Certificate.Kid;
}
