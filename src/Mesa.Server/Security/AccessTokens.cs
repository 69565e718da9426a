using System.Security.Claims;
using System.Security.Cryptography;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mesa.Server.Security;

/// <summary>
/// Short-lived ES256 JWT access tokens. The P-256 key is generated at first start and kept in the
/// data folder, so tokens survive restarts of the same node.
/// </summary>
public sealed class AccessTokens
{
    public const string Issuer = "mesa-server";
    public const string Audience = "mesa-api";

    private readonly ECDsaSecurityKey _key;
    private readonly TimeSpan _lifetime;
    private readonly JsonWebTokenHandler _handler = new();

    public AccessTokens(DataFolder folder, IOptions<MesaOptions> options)
    {
        var pem = KeyFiles.LoadOrCreate(Path.Combine(folder.Keys, "jwt-es256.pem"), () =>
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return created.ExportPkcs8PrivateKeyPem();
        });
        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        _key = new ECDsaSecurityKey(ecdsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()))[..16] };
        _lifetime = TimeSpan.FromMinutes(options.Value.Auth.AccessTokenMinutes);
    }

    public TimeSpan Lifetime => _lifetime;

    public string Issue(UserRecord user)
    {
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, user.Id)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>The user id of a valid token; null for anything malformed, tampered, expired or foreign.</summary>
    public async Task<string?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
        });
        return result.IsValid && result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) ? sub as string : null;
    }
}
