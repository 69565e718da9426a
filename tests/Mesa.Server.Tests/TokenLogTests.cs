using System.Net;
using System.Net.Http.Json;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>The server's log records every token event but never a token.</summary>
public sealed class TokenLogTests
{
    [Fact]
    public async Task No_token_appears_in_the_log()
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"mesa-tokens-{Guid.NewGuid():N}.log");
        try
        {
            await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:LogFile"] = logFile });
            var api = new MesaApi(host);
            var email = MesaApi.NewEmail();
            await api.RegisterAsync(email);
            var mailed = await host.Smtp.TokenForAsync(email);
            var (access, refresh) = await MesaApi.TokensFromAsync(await api.Http.PostAsJsonAsync("/auth/verify", new { token = mailed }));
            var (nextAccess, nextRefresh) = await MesaApi.TokensFromAsync(await api.RefreshAsync(refresh));
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/jobs", nextAccess)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.RefreshAsync(refresh)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.Http.PostAsJsonAsync("/auth/verify", new { token = mailed })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "/jobs", access + "x")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.GetAsync($"/jobs?access_token={nextAccess}")).StatusCode);

            var log = await ReadSharedAsync(logFile);
            // The events are there, so the absence of tokens below means something.
            Assert.Contains("verified a token", log);
            Assert.Contains("refreshed tokens of family", log);
            Assert.Contains("was presented again", log);
            foreach (var secret in new[] { mailed, access, refresh, nextAccess, nextRefresh })
            {
                Assert.DoesNotContain(secret, log);
                Assert.DoesNotContain(secret.Split('.')[^1], log);
            }
        }
        finally
        {
            File.Delete(logFile);
        }
    }

    // The server still has the file open for writing.
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
