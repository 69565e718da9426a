using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Server.Tests.Support;
using Mesa.Tiles;
using Microsoft.Playwright;

namespace Mesa.Server.Tests.UserPage;

/// <summary>The users' page in headless Chromium: register, mailed token, opt-in upload (resumed after a dropped chunk), live status, cancel, download.</summary>
public sealed partial class UserPageBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const int ChunkBytes = 1024 * 1024;
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_user_registers_uploads_a_MESA_backup_and_downloads_the_package()
    {
        await using var host = await ServerHost.StartAsync();
        var (page, problems) = await OpenAsync(host);
        await SignInAsync(page, host);

        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("48 hours");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("MESA backup zip");
        var project = MesaBackups.ProjectFolder();
        var zip = MesaBackups.Create(project, lzma: true);
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "mesa-backup.zip", MimeType = "application/zip", Buffer = zip });
        await Assertions.Expect(page.Locator("#upload-start")).ToBeDisabledAsync();
        await page.CheckAsync("#opt-in");
        await page.ClickAsync("#upload-start");

        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("Finished", Patiently);
        await Assertions.Expect(page.Locator("#job-sha256")).ToHaveTextAsync(Sha256(zip));
        await Assertions.Expect(page.Locator("#job-log")).ToContainTextAsync("Job finished");
        await Assertions.Expect(page.Locator("#job-download")).ToContainTextAsync("Restore backup");
        var href = await page.Locator("#download-link").GetAttributeAsync("href");
        Assert.Contains("/package.zip", href);
        var download = await host.Http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);

        // Restored the way MESA restores, the package gives the input back and holds exactly what a local run computes.
        var local = Directory.CreateTempSubdirectory("mesa-local-").FullName;
        try
        {
            var expected = ProcessingPipeline.Run(MesaWorkload.Load(project),
                new ProcessingOptions { OutputFolder = local, Threads = 1, OutputStages = [new TilesStage()] }).Manifest.Files;
            var before = MesaBackups.Hashes(project);
            MesaBackups.Restore(project, await download.Content.ReadAsByteArrayAsync());
            var after = MesaBackups.Hashes(project);
            foreach (var input in MesaBackups.InputFiles) Assert.Equal(before[input], after.GetValueOrDefault(input));
            foreach (var file in expected) Assert.Equal(file.Sha256, after.GetValueOrDefault(file.Path));
        }
        finally
        {
            Directory.Delete(project, recursive: true);
            Directory.Delete(local, recursive: true);
        }
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_project_zip_gets_the_results_with_a_warning_not_to_restore_them()
    {
        await using var host = await ServerHost.StartAsync();
        var (page, problems) = await OpenAsync(host);
        await SignInAsync(page, host);
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "project.zip", MimeType = "application/zip", Buffer = Workloads.WorkedExampleZip() });
        await page.CheckAsync("#opt-in");
        await page.ClickAsync("#upload-start");
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("Finished", Patiently);
        await Assertions.Expect(page.Locator("#job-download")).ToContainTextAsync("not a MESA backup");
        Assert.Contains("/outputs-only.zip", await page.Locator("#download-link").GetAttributeAsync("href"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task An_upload_resumes_after_a_dropped_chunk_and_the_queued_job_is_cancelled()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Processing:DispatcherEnabled"] = "false",
            ["Mesa:Limits:MaxUploadBytes"] = (16 * ChunkBytes).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var (page, problems) = await OpenAsync(host);
        // Incompressible padding makes the zip a few chunks long; the server ignores files it does not know.
        var zip = Workloads.WorkedExampleZipWith(("padding.bin", RandomNumberGenerator.GetBytes(3 * ChunkBytes)));
        var forwarded = new List<long>();
        var dropped = new List<long>();
        await page.RouteAsync(ChunkUrl(), async route =>
        {
            var offset = long.Parse(ChunkUrl().Match(route.Request.Url).Groups["offset"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (offset == ChunkBytes && dropped.Count == 0)
            {
                dropped.Add(offset);
                await route.AbortAsync("connectionreset");
                return;
            }
            forwarded.Add(offset);
            await route.ContinueAsync();
        });
        await SignInAsync(page, host);
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "project.zip", MimeType = "application/zip", Buffer = zip });
        await page.CheckAsync("#opt-in");
        await page.ClickAsync("#upload-start");

        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("Waiting in the queue", Patiently);
        await Assertions.Expect(page.Locator("#job-sha256")).ToHaveTextAsync(Sha256(zip));
        Assert.Equal([ChunkBytes], dropped);
        // Every chunk reached the server once, in order, the dropped one only on its retry.
        Assert.Equal(Enumerable.Range(0, (zip.Length + ChunkBytes - 1) / ChunkBytes).Select(i => (long)i * ChunkBytes), forwarded);
        var session = JsonDocument.Parse(await page.EvaluateAsync<string>("sessionStorage.getItem('mesa.session')")).RootElement;
        var jobId = session.GetProperty("job_id").GetString()!;
        Assert.Equal(zip, await File.ReadAllBytesAsync(Path.Combine(host.DataFolder, "jobs", jobId, "upload.zip")));

        await page.ClickAsync("#job-cancel");
        await Assertions.Expect(page.Locator("#job-state")).ToHaveTextAsync("Cancelled", Patiently);
        await Assertions.Expect(page.Locator("#new-upload")).ToBeVisibleAsync();
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_page_and_its_files_are_served_with_a_strict_content_security_policy()
    {
        await using var host = await ServerHost.StartAsync();
        var root = await host.Http.GetAsync("/");
        Assert.Equal("/app/", root.RequestMessage!.RequestUri!.AbsolutePath);
        foreach (var file in new[] { "/app/", "/app/app.js", "/app/app.css" })
        {
            var response = await host.Http.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'self'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
        var html = await host.Http.GetStringAsync("/app/");
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("http", Regex.Replace(html, "<meta[^>]*>", ""));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/app/missing.js")).StatusCode);
    }

    [Fact]
    public async Task On_a_phone_sized_screen_the_forms_fit_without_horizontal_scrolling()
    {
        await using var host = await ServerHost.StartAsync();
        var (page, problems) = await OpenAsync(host, new ViewportSize { Width = 375, Height = 700 });
        await Assertions.Expect(page.Locator("#register-form")).ToBeVisibleAsync();
        Assert.True(await FitsWidthAsync(page), "the register form scrolls sideways at 375 px");
        await SignInAsync(page, host);
        await Assertions.Expect(page.Locator("#upload-form")).ToBeVisibleAsync();
        Assert.True(await FitsWidthAsync(page), "the upload form scrolls sideways at 375 px");
        Assert.Empty(problems);
    }

    private async Task<(IPage Page, List<string> Problems)> OpenAsync(ServerHost host, ViewportSize? viewport = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Http.BaseAddress!.ToString(), ViewportSize = viewport });
        var page = await context.NewPageAsync();
        // CSP violations and script errors show up as console errors.
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("Failed to load resource")) problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync("/");
        return (page, problems);
    }

    private static async Task SignInAsync(IPage page, ServerHost host)
    {
        var email = MesaApi.NewEmail();
        await page.FillAsync("#register-name", "Ada Tester");
        await page.FillAsync("#register-email", email);
        await page.FillAsync("#register-affiliation", "Test Institute");
        await page.FillAsync("#register-summary", "Sensitivity of coastal assets");
        await page.ClickAsync("#register-form button");
        await Assertions.Expect(page.Locator("#verify-sent")).ToContainTextAsync(email);
        await page.FillAsync("#verify-token", await host.Smtp.TokenForAsync(email));
        await page.ClickAsync("#verify-form button");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToContainTextAsync(email);
    }

    private static Task<bool> FitsWidthAsync(IPage page) => page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth");

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex(@"/uploads/[^/]+/chunks\?offset=(?<offset>\d+)$")]
    private static partial Regex ChunkUrl();
}
