using System.Security.Cryptography;
using System.Text;

namespace Mesa.Server.Security;

/// <summary>Bearer secrets (the one-time tokens mailed at registration, refresh tokens): 256 random bits, base64url; only their SHA-256 is stored.</summary>
public static class EmailTokens
{
    public static string New() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
