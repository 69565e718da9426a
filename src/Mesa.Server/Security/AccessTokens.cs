using System.Collections.Concurrent;
using System.Security.Claims;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mesa.Server.Security;

/// <summary>
/// Short-lived ES256 JWT access tokens signed by the current active key, whose id is the <c>kid</c> header.
/// A token is accepted while the key that signed it is known and not revoked, so a rotation leaves tokens
/// already handed out valid until they expire. Clients poll with the same token, so a token whose signature was
/// verified is remembered until it expires; its key is still checked on every use, so revoking it takes effect at once.
/// </summary>
public sealed class AccessTokens(SigningKeys keys, IOptions<MesaOptions> options)
{
    public const string Issuer = "mesa-server";
    public const string Audience = "mesa-api";

    // Bounds the memory of verified tokens; past it the cache starts over (it only saves signature checks).
    private const int MaxRemembered = 100_000;

    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, AccessGrant> _verified = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(options.Value.Auth.AccessTokenMinutes);

    /// <summary>False while every key is revoked or expired; checked before a one-time token is spent on a reply that cannot be made.</summary>
    public bool CanIssue => keys.Ring.Current(DateTimeOffset.UtcNow) is not null;

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
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(keys.Current().Key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>What a valid token grants; null for anything malformed, tampered, expired, foreign or signed by a revoked key.</summary>
    public async Task<AccessGrant?> ValidateAsync(string token)
    {
        var ring = keys.Ring;
        var now = DateTimeOffset.UtcNow;
        if (_verified.TryGetValue(token, out var known))
        {
            if (now < known.Expires + Skew && ring.Trusted(known.Kid) is not null) return known;
            _verified.TryRemove(token, out _);
            return null;
        }
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            // Only the key the kid names: no trying every key, no symmetric keys, so alg confusion has nothing to work with.
            IssuerSigningKeyResolver = (_, _, kid, _) => ring.Trusted(kid) is { } key ? [key.Key] : [],
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = Skew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || !result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) || sub is not string userId)
            return null;
        var grant = new AccessGrant(userId, jwt.IssuedAt, jwt.ValidTo, jwt.Kid);
        if (_verified.Count >= MaxRemembered) _verified.Clear();
        _verified[token] = grant;
        return grant;
    }

    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
}
