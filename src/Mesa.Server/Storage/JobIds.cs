using System.Security.Cryptography;

namespace Mesa.Server.Storage;

/// <summary>Job ids: 128 random bits as lowercase hex, so per-job paths are unguessable and safe as folder names.</summary>
public static class JobIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? id) => id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Guards every path built from an id that came from outside.</summary>
    public static string Require(string id) => IsValid(id) ? id : throw new ArgumentException($"'{id}' is not a job id.", nameof(id));
}
