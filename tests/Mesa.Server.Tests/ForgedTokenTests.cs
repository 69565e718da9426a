using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>
/// Access tokens built by hand the way an attacker would. A control token the test signs with the server's real key
/// is accepted, so each refusal is down to the one thing the forgery changes.
/// </summary>
public sealed class ForgedTokenTests(SharedServer server) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private MesaApi Api => server.Api;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => server.AssertStillHealthyAsync();

    [Fact]
    public async Task The_control_token_signed_with_the_real_key_is_accepted()
    {
        var (header, claims, _) = await RealTokenAsync();
        using var key = ServerKey();
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(SignEs256(key, header, claims)));
    }

    [Fact]
    public async Task Alg_none_is_refused()
    {
        var (_, claims, _) = await RealTokenAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync($"{Encode(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" })}.{Encode(claims)}."));
    }

    [Fact]
    public async Task Hs256_keyed_with_the_public_key_is_refused()
    {
        var (header, claims, _) = await RealTokenAsync();
        using var key = ServerKey();
        header["alg"] = "HS256";
        foreach (var secret in new[] { key.ExportSubjectPublicKeyInfo(), Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()) })
        {
            var signingInput = $"{Encode(header)}.{Encode(claims)}";
            var token = $"{signingInput}.{System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)))}";
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(token));
        }
    }

    [Fact]
    public async Task A_foreign_key_is_refused_under_an_unknown_kid_and_under_the_real_one()
    {
        var (header, claims, _) = await RealTokenAsync();
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(SignEs256(foreign, header, claims)));
        header["kid"] = "0123456789abcdef";
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(SignEs256(foreign, header, claims)));
        header.Remove("kid");
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(SignEs256(foreign, header, claims)));
    }

    [Fact]
    public async Task An_altered_payload_is_refused()
    {
        var (_, claims, token) = await RealTokenAsync();
        var (_, otherClaims, _) = await RealTokenAsync();
        claims["sub"] = otherClaims["sub"]!.GetValue<string>();
        var parts = token.Split('.');
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync($"{parts[0]}.{Encode(claims)}.{parts[2]}"));
        // A flipped signature byte, too.
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
        signature[^1] ^= 1;
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync($"{parts[0]}.{parts[1]}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}"));
    }

    [Fact]
    public async Task Expired_and_foreign_audience_tokens_signed_with_the_real_key_are_refused()
    {
        var (header, claims, _) = await RealTokenAsync();
        using var key = ServerKey();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expired = claims.DeepClone().AsObject();
        expired["iat"] = now - 7200;
        expired["nbf"] = now - 7200;
        expired["exp"] = now - 120;
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(SignEs256(key, header, expired)));
        var foreignAudience = claims.DeepClone().AsObject();
        foreignAudience["aud"] = "another-api";
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(SignEs256(key, header, foreignAudience)));
    }

    /// <summary>A real access token and its decoded header and claims.</summary>
    private async Task<(JsonObject Header, JsonObject Claims, string Token)> RealTokenAsync()
    {
        var token = await Api.SignInAsync();
        var parts = token.Split('.');
        return (Decode(parts[0]), Decode(parts[1]), token);
    }

    /// <summary>The embedded default signing key, as the server keeps it in its data folder.</summary>
    private ECDsa ServerKey()
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(server.Host.DataFolder, "keys", "jwt-es256.pem")));
        return key;
    }

    private async Task<HttpStatusCode> StatusWithAsync(string token) => (await Api.SendAsync(HttpMethod.Get, "/jobs", token)).StatusCode;

    private static string SignEs256(ECDsa key, JsonObject header, JsonObject claims)
    {
        var signingInput = $"{Encode(header)}.{Encode(claims)}";
        // .NET signs ECDSA as r||s (IEEE P1363), which is what JWS ES256 expects.
        return $"{signingInput}.{System.Buffers.Text.Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256))}";
    }

    private static string Encode(JsonNode json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static JsonObject Decode(string segment) => JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(segment))!.AsObject();
}
