using Mesa.Server.Security;
using Microsoft.IdentityModel.Tokens;

namespace Mesa.Server.Endpoints;

/// <summary>
/// GET /.well-known/mesa-keys: the root fingerprint, every usable key as a JWK with the root's certificate for it,
/// and the ids of revoked keys. Clients holding the root fingerprint check the certificates before trusting a key.
/// </summary>
public static class WellKnownKeysEndpoint
{
    public const string Path = "/.well-known/mesa-keys";

    public static void MapWellKnownKeys(this IEndpointRouteBuilder app) => app.MapGet(Path, (SigningKeys keys) =>
    {
        var ring = keys.Ring;
        var now = DateTimeOffset.UtcNow;
        return Results.Ok(new
        {
            root_fingerprint = ring.RootFingerprint,
            fingerprint_format = "sha256-spki-hex",
            current_kid = ring.Current(now)?.Kid,
            keys = ring.Keys.Where(k => k.RevokedAt is null && now < k.Certificate.NotAfter).Select(k =>
            {
                var parameters = k.Key.ECDsa.ExportParameters(includePrivateParameters: false);
                return new
                {
                    kty = "EC",
                    crv = "P-256",
                    alg = SecurityAlgorithms.EcdsaSha256,
                    use = "sig",
                    kid = k.Kid,
                    x = Base64UrlEncoder.Encode(parameters.Q.X),
                    y = Base64UrlEncoder.Encode(parameters.Q.Y),
                    certificate = k.Certificate,
                };
            }),
            revoked = ring.Keys.Where(k => k.RevokedAt is not null).Select(k => k.Kid),
        });
    }).WithTags("keys");
}
