using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests;

/// <summary>Per-user quotas: configured defaults, overrides on the user row, and problems that name the quota.</summary>
public sealed class QuotaTests
{
    [Fact]
    public async Task Jobs_per_day_are_limited_over_24_hours_and_idempotent_retries_are_not_counted()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Processing:DispatcherEnabled"] = "false",
            ["Mesa:Quotas:JobsPerDay"] = "2",
        });
        var api = new MesaApi(host);
        var access = await api.SignInAsync();
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(api, access, "first")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(api, access, null)).StatusCode);

        var refused = await CreateAsync(api, access, null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await MesaApi.ProblemAsync(refused);
        Assert.Equal("jobs_per_day", problem.GetProperty("quota").GetString());
        Assert.Equal(2, problem.GetProperty("limit").GetInt64());
        Assert.StartsWith("jobs_per_day:", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await CreateAsync(api, access, "first")).StatusCode);

        host.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(HttpStatusCode.Created, (await CreateAsync(api, access, null)).StatusCode);
    }

    [Fact]
    public async Task A_users_upload_quota_overrides_the_default_and_verify_reports_it()
    {
        await using var host = await ServerHost.StartAsync(ServerHost.Dispatcher(false));
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        var access = await api.SignInAsync(email);
        await (await AdminClient.SignedInAsync(host)).UpdateUserAsync(email, new { quota_upload_bytes = 1000, quota_jobs_per_day = 7 });

        var created = await (await CreateAsync(api, access, null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1000, created.GetProperty("upload").GetProperty("max_bytes").GetInt64());
        var upload = await api.UploadAsync(created.GetProperty("upload").GetProperty("url").GetString()!, Workloads.WorkedExampleZip());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        Assert.Equal("upload_bytes_per_job", (await MesaApi.ProblemAsync(upload)).GetProperty("quota").GetString());

        var before = host.Smtp.CountTo(email);
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync(email)).StatusCode);
        var verified = await (await api.Http.PostAsJsonAsync("/auth/verify", new { token = await host.Smtp.TokenForAsync(email, before) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var quotas = verified.GetProperty("quotas");
        Assert.Equal(7, quotas.GetProperty("jobs_per_day").GetInt64());
        Assert.Equal(1000, quotas.GetProperty("upload_bytes_per_job").GetInt64());
        Assert.Equal(2L * 1024 * 1024 * 1024, quotas.GetProperty("storage_bytes").GetInt64());
    }

    [Fact]
    public async Task Storage_quota_bounds_uploads_and_new_jobs()
    {
        await using var host = await ServerHost.StartAsync(ServerHost.Dispatcher(false));
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        var access = await api.SignInAsync(email);
        var zip = Workloads.WorkedExampleZip();
        var admin = await AdminClient.SignedInAsync(host);
        await admin.UpdateUserAsync(email, new { quota_storage_bytes = zip.Length + 10 });

        var (first, _) = await api.SubmitAsync(access, zip);
        var (second, secondUrl) = await api.CreateJobAsync(access);
        var upload = await api.UploadAsync(secondUrl, zip);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, upload.StatusCode);
        var problem = await MesaApi.ProblemAsync(upload);
        Assert.Equal("storage_bytes", problem.GetProperty("quota").GetString());
        Assert.Equal(10, problem.GetProperty("limit").GetInt64());
        Assert.False(File.Exists(Path.Combine(host.DataFolder, "jobs", second, "upload.zip")));

        await admin.UpdateUserAsync(email, new { quota_storage_bytes = zip.Length });
        var refused = await CreateAsync(api, access, null);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("storage_bytes", (await MesaApi.ProblemAsync(refused)).GetProperty("quota").GetString());
        // The queued job was not disturbed.
        Assert.Equal("queued", (await api.JobAsync(access, first)).GetProperty("state").GetString());
    }

    private static async Task<HttpResponseMessage> CreateAsync(MesaApi api, string access, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs") { Content = JsonContent.Create(new { name = "quota" }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await api.Http.SendAsync(request);
    }
}
