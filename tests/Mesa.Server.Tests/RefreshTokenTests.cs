using System.Net;
using System.Net.Http.Json;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>Refresh tokens: each use hands out the next one, a replayed one revokes its family, and they expire.</summary>
public sealed class RefreshTokenTests(SharedServer server) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private MesaApi Api => server.Api;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => server.AssertStillHealthyAsync();

    [Fact]
    public async Task A_refresh_token_rotates_into_a_new_pair_that_works()
    {
        var (access, refresh) = await Api.VerifyAsync();
        var (newAccess, newRefresh) = await MesaApi.TokensFromAsync(await Api.RefreshAsync(refresh));
        Assert.NotEqual(refresh, newRefresh);
        Assert.NotEqual(access, newAccess);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/jobs", newAccess)).StatusCode);
        // And the chain goes on.
        await MesaApi.TokensFromAsync(await Api.RefreshAsync(newRefresh));
    }

    [Fact]
    public async Task Replaying_a_spent_refresh_token_revokes_the_whole_family()
    {
        var (_, first) = await Api.VerifyAsync();
        var (_, second) = await MesaApi.TokensFromAsync(await Api.RefreshAsync(first));
        var (_, unrelated) = await Api.VerifyAsync();

        var replay = await Api.RefreshAsync(first);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("already used", (await MesaApi.ProblemAsync(replay)).GetProperty("detail").GetString());
        // The thief may hold the newest token: it is revoked too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.RefreshAsync(second)).StatusCode);
        // Other families are untouched.
        await MesaApi.TokensFromAsync(await Api.RefreshAsync(unrelated));
    }

    [Fact]
    public async Task Unknown_missing_and_misplaced_refresh_tokens_are_refused()
    {
        var (access, refresh) = await Api.VerifyAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.RefreshAsync("not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.RefreshAsync(access)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(HttpMethod.Get, "/jobs", refresh)).StatusCode);

        var missing = await Api.Http.PostAsJsonAsync("/auth/refresh", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.StartsWith("refresh_token", (await MesaApi.ProblemAsync(missing)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Http.PostAsync($"/auth/refresh?refresh_token={refresh}", null)).StatusCode);
        // None of that spent the real token.
        await MesaApi.TokensFromAsync(await Api.RefreshAsync(refresh));
    }

    [Fact]
    public async Task A_refresh_token_is_accepted_as_a_bearer_header_and_only_its_hash_is_stored()
    {
        var (_, refresh) = await Api.VerifyAsync();
        var (_, next) = await MesaApi.TokensFromAsync(await Api.SendAsync(HttpMethod.Post, "/auth/refresh", refresh));
        foreach (var file in Directory.EnumerateFiles(server.Host.DataFolder, "state.db*"))
        {
            var bytes = await File.ReadAllTextAsync(file, System.Text.Encoding.Latin1);
            Assert.DoesNotContain(refresh, bytes);
            Assert.DoesNotContain(next, bytes);
        }
    }

    [Fact]
    public async Task An_expired_refresh_token_is_refused()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Auth:RefreshTokenMinutes"] = "0" });
        var api = new MesaApi(host);
        var (_, refresh) = await api.VerifyAsync();
        var refused = await api.RefreshAsync(refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("expired", (await MesaApi.ProblemAsync(refused)).GetProperty("detail").GetString());
    }
}
