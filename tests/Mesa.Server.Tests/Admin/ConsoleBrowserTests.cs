using System.Net;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;
using Microsoft.Playwright;

namespace Mesa.Server.Tests.Admin;

/// <summary>The console in a real browser: an admin signs in and acts through the pages, the effects are checked over the user API.</summary>
public sealed class ConsoleBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly LocatorAssertionsToContainTextOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task Admin_signs_in_revokes_a_token_and_blacklists_a_domain()
    {
        await using var host = await ServerHost.StartAsync();
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        var access = await api.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/jobs", access)).StatusCode);
        var adminEmail = AdminClient.CreateAdmin(host);
        var (page, urls) = await OpenAsync(host);

        await page.FillAsync("#sign-in-email", adminEmail);
        await page.FillAsync("#sign-in-password", "not the password");
        await page.ClickAsync("#sign-in-form button");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("wrong");
        await SignInAsync(page, adminEmail);

        await page.FillAsync("#user-search", email);
        await page.ClickAsync("text=Search");
        var row = page.Locator("tbody tr", new PageLocatorOptions { HasText = email });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("button.revoke").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync($"Tokens of {email} revoked");
        var refused = await api.SendAsync(HttpMethod.Get, "/jobs", access);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", (await MesaApi.ProblemAsync(refused)).GetProperty("detail").GetString());

        var domain = $"spam-{Guid.NewGuid():N}.org";
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync($"first@{domain}")).StatusCode);
        await page.ClickAsync("nav button[data-page=blacklist]");
        await page.SelectOptionAsync("#blacklist-kind", "domain");
        await page.FillAsync("#blacklist-value", domain);
        await page.FillAsync("#blacklist-reason", "spam sign-ups");
        await page.ClickAsync("text=Blacklist >> nth=-1");
        await Assertions.Expect(page.Locator("#page table")).ToContainTextAsync(domain);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.RegisterAsync($"second@{domain}")).StatusCode);

        await page.ClickAsync("nav button[data-page=audit]");
        await Assertions.Expect(page.Locator("#page table")).ToContainTextAsync("blacklist.add");
        await Assertions.Expect(page.Locator("#page table")).ToContainTextAsync("user.revoke_tokens");
        await page.ClickAsync("nav button[data-page=server]");
        await Assertions.Expect(page.Locator("#server-facts")).ToContainTextAsync("sqlite");
        // The console links to the Orleans dashboard, which the session opens.
        var dashboard = await page.Context.RunAndWaitForPageAsync(() => page.ClickAsync("#orleans-dashboard"));
        await Assertions.Expect(dashboard).ToHaveTitleAsync("Orleans Dashboard");
        await Assertions.Expect(dashboard.Locator("#content")).ToContainTextAsync("Active Silos");
        AssertNoSecretsIn(urls, access);
    }

    [Fact]
    public async Task Admin_watches_the_live_log_of_a_running_job_and_cancels_it()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Processing:Threads"] = "1" });
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        // Enough cells that the job still runs after the admin signed in, even on a loaded machine; it is cancelled.
        var (jobId, _) = await api.SubmitAsync(access, Workloads.SyntheticZip(cells: 2_000_000));
        Assert.Equal("running", (await api.WaitForAsync(access, jobId, "running", "finished", "failed")).GetProperty("state").GetString());

        var adminEmail = AdminClient.CreateAdmin(host);
        var (page, urls) = await OpenAsync(host);
        await SignInAsync(page, adminEmail);
        await page.ClickAsync("nav button[data-page=queue]");
        var row = page.Locator("tbody tr", new PageLocatorOptions { HasText = jobId });
        await Assertions.Expect(row).ToContainTextAsync("running");
        await row.Locator("a.job-link").ClickAsync();

        var log = page.Locator("#job-log");
        await Assertions.Expect(log).ToContainTextAsync("Job started", Patiently);
        // A line written after the page opened arrives through the stream: the prep stage's timing.
        await Assertions.Expect(log).ToContainTextAsync("Stage prep finished", Patiently);
        await Assertions.Expect(page.Locator("#stage-timings")).ToContainTextAsync("prep", Patiently);
        await page.ClickAsync("#page button.cancel");
        await Assertions.Expect(log).ToContainTextAsync("Job cancelled", Patiently);
        await Assertions.Expect(page.Locator("#job-status")).ToContainTextAsync("cancelled", Patiently);
        Assert.Equal("cancelled", (await api.WaitForAsync(access, jobId, "cancelled", "finished", "failed")).GetProperty("state").GetString());
        AssertNoSecretsIn(urls, access);
    }

    [Fact]
    public async Task Admin_exports_the_server_profile_and_the_cli_verifies_it()
    {
        await using var host = await ServerHost.StartAsync();
        var work = Directory.CreateTempSubdirectory("mesa-console-profile-").FullName;
        try
        {
            var (root, fingerprint) = KeysCli.InitRoot(work);
            await KeysCli.WaitForCurrentKeyAsync(host.Http, KeysCli.IssueActive(root, host.DataFolder));
            var adminEmail = AdminClient.CreateAdmin(host);
            var (page, _) = await OpenAsync(host);
            await SignInAsync(page, adminEmail);
            await page.ClickAsync("nav button[data-page=server]");
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-profile"));
            var path = Path.Combine(work, "exported.json");
            await download.SaveAsAsync(path);
            var verified = CliRunner.Run("profile", "verify", path, "--root-fingerprint", fingerprint);
            Assert.True(verified.ExitCode == 0, verified.Stderr);
            Assert.StartsWith("valid: ", verified.Stdout);
            // Without the session the same download is refused (no admin key is configured on this server).
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.GetAsync("/admin/profile")).StatusCode);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Admin_sees_the_environment_probe_and_probes_again()
    {
        await using var host = await ServerHost.StartAsync();
        var adminEmail = AdminClient.CreateAdmin(host);
        var admin = await AdminClient.SignedInAsync(host, adminEmail);
        // The start-up probe runs in the background once the server listens.
        await Eventually.HoldsAsync(async () => (await admin.JsonAsync(HttpMethod.Get, "/admin/server-info")).GetProperty("history").GetArrayLength() == 1,
            "the start-up probe");
        var (page, _) = await OpenAsync(host);
        await SignInAsync(page, adminEmail);
        await page.ClickAsync("nav button[data-page=server]");

        var facts = page.Locator("#server-info");
        await Assertions.Expect(facts).ToContainTextAsync("cores", Patiently);
        await Assertions.Expect(facts).ToContainTextAsync("write+fsync");
        await Assertions.Expect(facts).ToContainTextAsync("not configured");
        var history = page.Locator("#page table tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(1);
        await page.ClickAsync("#probe-now");
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Environment probed");
        await Assertions.Expect(history).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Admin_sees_the_last_day_of_queue_length_run_times_and_failures_plotted()
    {
        await using var host = await ServerHost.StartAsync();
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        var (jobId, _) = await api.SubmitAsync(access, Workloads.WorkedExampleZip());
        Assert.Equal("finished", (await api.WaitForAsync(access, jobId, "finished", "failed")).GetProperty("state").GetString());

        var adminEmail = AdminClient.CreateAdmin(host);
        var (page, _) = await OpenAsync(host);
        await SignInAsync(page, adminEmail);
        await page.ClickAsync("nav button[data-page=activity]");

        // One dot per ended job, a step line over the day's queue samples, no failure bars.
        await Assertions.Expect(page.Locator("#chart-durations circle.series-dot")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#page h3", new() { HasText = "Job run times" })).ToHaveTextAsync("Job run times, seconds (1 jobs)");
        await Assertions.Expect(page.Locator("#chart-queue polyline")).ToHaveCountAsync(1);
        var steps = await page.Locator("#chart-queue polyline").GetAttributeAsync("points");
        Assert.Equal(24 * 60 / 10 + 1, steps!.Split(' ').Length / 2);
        await Assertions.Expect(page.Locator("#chart-failures rect")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#page h3", new() { HasText = "Failed jobs" })).ToHaveTextAsync("Failed jobs per hour (0 in all)");
    }

    /// <summary>A fresh browser context on the console; every URL the page requests is collected.</summary>
    [Fact]
    public async Task Admin_imports_a_seed_sees_the_peers_disables_one_and_rolls_back()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Cluster:AdminApiKey"] = PeerServers.AdminKey });
        var work = Directory.CreateTempSubdirectory("mesa-console-peers-").FullName;
        try
        {
            var (root, fingerprint) = KeysCli.InitRoot(work);
            await KeysCli.WaitForCurrentKeyAsync(host.Http, KeysCli.IssueActive(root, host.DataFolder));
            // A peer nothing answers for (the discard port), under a root of its own.
            using var farRoot = Mesa.Identity.P256Keys.New();
            var far = ("http://127.0.0.1:9", Mesa.Identity.KeyFingerprint.Of(farRoot), "far away");
            var self = (host.Http.BaseAddress!.ToString().TrimEnd('/'), fingerprint, "this one");
            var first = PeerServers.CreateSeed(work, root, 1, self, far);
            var second = PeerServers.CreateSeed(work, root, 2, self);
            var adminEmail = AdminClient.CreateAdmin(host);
            var (page, _) = await OpenAsync(host);
            await SignInAsync(page, adminEmail);
            await page.ClickAsync("nav button[data-page=peers]");
            await Assertions.Expect(page.Locator("#peer-facts")).ToContainTextAsync("none imported");

            await page.FillAsync("#seed-json", await File.ReadAllTextAsync(first));
            await page.ClickAsync("#import-seed");
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Seed imported");
            await Assertions.Expect(page.Locator("#peer-facts")).ToContainTextAsync("version 1");
            var row = page.Locator("#peer-table tbody tr", new PageLocatorOptions { HasText = "far away" });
            await Assertions.Expect(row).ToContainTextAsync("http://127.0.0.1:9");
            // Its first exchange fails at once; the page shows that after a reload.
            await Eventually.HoldsAsync(async () => PeerServers.Peer(await PeerServers.ViewAsync(host.Http), "far away").GetProperty("state").GetString() == "unreachable",
                "the first failed exchange");
            await page.ClickAsync("nav button[data-page=peers]");
            await Assertions.Expect(row.Locator(".peer-state")).ToHaveTextAsync("unreachable");
            await Assertions.Expect(page.Locator("#peer-table thead")).ToContainTextAsync("Last status");

            await row.Locator("button.disable").ClickAsync();
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Peer far away disabled");
            await Assertions.Expect(row.Locator(".peer-state")).ToHaveTextAsync("disabled");

            // The same seed again is refused as not newer; a newer one takes over, and the admin rolls back to the first.
            await page.FillAsync("#seed-json", await File.ReadAllTextAsync(first));
            await page.ClickAsync("#import-seed");
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("older than or equal to version 1");
            await page.FillAsync("#seed-json", await File.ReadAllTextAsync(second));
            await page.ClickAsync("#import-seed");
            await Assertions.Expect(page.Locator("#peer-facts")).ToContainTextAsync("version 2");
            await Assertions.Expect(page.Locator("#peer-table tbody tr")).ToHaveCountAsync(0);
            await page.Locator("#seed-history tr[data-id='1'] button.activate").ClickAsync();
            await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("Seed version 1 in force");
            await Assertions.Expect(page.Locator("#peer-facts")).ToContainTextAsync("version 1");
            await Assertions.Expect(row).ToHaveCountAsync(1);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<(IPage Page, List<string> Urls)> OpenAsync(ServerHost host)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Http.BaseAddress!.ToString() });
        var page = await context.NewPageAsync();
        var urls = new List<string>();
        page.Request += (_, request) => { lock (urls) urls.Add(request.Url); };
        await page.GotoAsync("/admin/");
        return (page, urls);
    }

    private static async Task SignInAsync(IPage page, string adminEmail)
    {
        await page.FillAsync("#sign-in-email", adminEmail);
        await page.FillAsync("#sign-in-password", AdminClient.Password);
        await page.ClickAsync("#sign-in-form button");
        await Assertions.Expect(page.Locator("#admin-email")).ToHaveTextAsync(adminEmail.ToLowerInvariant());
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "mesa_admin");
        Assert.True(cookie.HttpOnly && cookie.Secure && cookie.SameSite == SameSiteAttribute.Strict);
    }

    private static void AssertNoSecretsIn(List<string> urls, string accessToken)
    {
        lock (urls)
        {
            Assert.NotEmpty(urls);
            foreach (var url in urls)
            {
                Assert.DoesNotContain(Uri.EscapeDataString(AdminClient.Password), url);
                Assert.DoesNotContain(AdminClient.Password, Uri.UnescapeDataString(url));
                Assert.DoesNotContain(accessToken, url);
                Assert.DoesNotContain("token=", url, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
