using System.Net.Http.Json;
using System.Text.Json;
using Mesa.TestSupport;

namespace Mesa.Server.Tests.Support;

/// <summary><c>mesa-cloud keys</c> run as real processes, and waiting for a running server to pick up their result.</summary>
public static class KeysCli
{
    /// <summary>A new root key in <paramref name="folder"/>; returns its path and fingerprint.</summary>
    public static (string Path, string Fingerprint) InitRoot(string folder)
    {
        var path = System.IO.Path.Combine(folder, $"root-{Guid.NewGuid():N}.pem");
        var result = CliRunner.Run("keys", "init-root", "--out", path);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return (path, result.Stdout.Trim());
    }

    /// <summary>Issues an active key into the server's data folder; returns its kid.</summary>
    public static string IssueActive(string rootPath, string dataFolder)
    {
        var result = CliRunner.Run("keys", "issue-active", "--root", rootPath, "--data-dir", dataFolder);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim();
    }

    public static async Task<JsonElement> PublishedAsync(HttpClient http) => await http.GetFromJsonAsync<JsonElement>("/.well-known/mesa-keys");

    /// <summary>Waits (10 s at most) until the server signs with <paramref name="kid"/> (null: with no key at all).</summary>
    public static async Task WaitForCurrentKeyAsync(HttpClient http, string? kid)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await PublishedAsync(http)).GetProperty("current_kid").GetString() == kid) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server did not start signing with key {kid}: {await PublishedAsync(http)}");
    }

    /// <summary>The kid header of a JWT.</summary>
    public static string KidOf(string jwt) =>
        JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;
}
