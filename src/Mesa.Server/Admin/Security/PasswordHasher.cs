using System.Security.Cryptography;
using System.Text;

namespace Mesa.Server.Admin.Security;

/// <summary>PBKDF2-HMAC-SHA256 with a per-admin 128-bit salt; the iteration count is stored with each hash so it can be raised later.</summary>
public static class PasswordHasher
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    public const int MinimumLength = 12;

    private const int HashBytes = 32;

    public static (string Hash, string Salt) Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return (Convert.ToBase64String(Derive(password, salt, iterations)), Convert.ToBase64String(salt));
    }

    public static bool Verify(string password, string hash, string salt, int iterations) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, Convert.FromBase64String(salt), iterations), Convert.FromBase64String(hash));

    /// <summary>Null when the password is acceptable, else what is wrong with it.</summary>
    public static string? Weakness(string password) =>
        password.Length < MinimumLength ? $"must be at least {MinimumLength} characters long." : null;

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
