using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>Retention driven by the injected clock: the grace after a complete download, and a user's own window.</summary>
public sealed class RetentionTests
{
    private static readonly Dictionary<string, string?> Sweeping = new()
    {
        ["Mesa:Retention:AfterDownloadMinutes"] = "60",
        ["Mesa:Retention:SweepSeconds"] = "0.1",
    };

    [Fact]
    public async Task Results_are_deleted_a_grace_period_after_a_complete_download_and_not_after_a_partial_one()
    {
        await using var host = await ServerHost.StartAsync(Sweeping);
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var jobId = await FinishedJobAsync(api, access);
        var url = await DownloadUrlAsync(api, access, jobId);

        using (var partial = new HttpRequestMessage(HttpMethod.Get, url))
        {
            partial.Headers.Range = new RangeHeaderValue(0, 9);
            Assert.Equal(HttpStatusCode.PartialContent, (await api.Http.SendAsync(partial)).StatusCode);
        }
        host.Clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(1000);
        Assert.Equal(JsonValueKind.Null, (await api.JobAsync(access, jobId)).GetProperty("downloaded_at").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).StatusCode);

        var first = await DownloadAsync(api, access, jobId, url, after: null);
        // Within the grace a failed download can be fetched again; the grace counts from the latest complete download.
        host.Clock.Advance(TimeSpan.FromMinutes(50));
        await Task.Delay(1000);
        await DownloadAsync(api, access, jobId, url, after: first);
        host.Clock.Advance(TimeSpan.FromMinutes(50));
        await Task.Delay(1000);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).StatusCode);

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.HoldsAsync(async () => (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).StatusCode == HttpStatusCode.Gone, "purging the downloaded results");
        await Eventually.HoldsAsync(() => Task.FromResult(!Directory.Exists(Path.Combine(host.DataFolder, "jobs", jobId))), "deleting the job folder");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_users_retention_override_replaces_the_default_window()
    {
        await using var host = await ServerHost.StartAsync(Sweeping);
        var api = new MesaApi(host);
        var shortEmail = MesaApi.NewEmail();
        var shortAccess = await api.SignInAsync(shortEmail);
        var defaultAccess = await api.SignInAsync();
        var shortJob = await FinishedJobAsync(api, shortAccess);
        var defaultJob = await FinishedJobAsync(api, defaultAccess);
        await (await AdminClient.SignedInAsync(host)).UpdateUserAsync(shortEmail, new { retention_minutes = 30 });

        host.Clock.Advance(TimeSpan.FromMinutes(31));
        await Eventually.HoldsAsync(async () => (await api.SendAsync(HttpMethod.Get, $"/jobs/{shortJob}/results", shortAccess)).StatusCode == HttpStatusCode.Gone, "purging the results of the user with a short window");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, $"/jobs/{defaultJob}/results", defaultAccess)).StatusCode);

        // The default window is 48 hours.
        host.Clock.Advance(TimeSpan.FromHours(48));
        await Eventually.HoldsAsync(async () => (await api.SendAsync(HttpMethod.Get, $"/jobs/{defaultJob}/results", defaultAccess)).StatusCode == HttpStatusCode.Gone, "purging the results after 48 hours");
    }

    /// <summary>Downloads the results completely; returns when the server has recorded it (later than <paramref name="after"/>).</summary>
    private static async Task<DateTimeOffset> DownloadAsync(MesaApi api, string access, string jobId, string url, DateTimeOffset? after)
    {
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync(url)).StatusCode);
        DateTimeOffset recorded = default;
        await Eventually.HoldsAsync(async () =>
        {
            var downloaded = (await api.JobAsync(access, jobId)).GetProperty("downloaded_at");
            if (downloaded.ValueKind == JsonValueKind.Null) return false;
            recorded = downloaded.GetDateTimeOffset();
            return after is null || recorded > after;
        }, "recording the download");
        return recorded;
    }

    private static async Task<string> FinishedJobAsync(MesaApi api, string access)
    {
        var (jobId, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        Assert.Equal("finished", (await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled")).GetProperty("state").GetString());
        return jobId;
    }

    private static async Task<string> DownloadUrlAsync(MesaApi api, string access, string jobId)
    {
        var results = await (await api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}/results", access)).Content.ReadFromJsonAsync<JsonElement>();
        return results.GetProperty("downloads")[0].GetProperty("url").GetString()!;
    }
}
