using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mesa.Server.Tests.Support;

/// <summary>The client side of the user story over HTTP, step by step, asserting each step's status.</summary>
public sealed class MesaApi(Func<HttpClient> http, SmtpCapture smtp)
{
    public MesaApi(ServerHost host) : this(() => host.Http, host.Smtp)
    {
    }

    public HttpClient Http => http();

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.org";

    public Task<HttpResponseMessage> RegisterAsync(string email) => Http.PostAsJsonAsync("/register", new
    {
        name = "Ada Tester",
        email,
        affiliation = "Test Institute",
        project_summary = "Sensitivity of coastal assets",
    });

    /// <summary>Registers, reads the token from the mail and verifies it; returns the access token.</summary>
    public async Task<string> SignInAsync(string? email = null) => (await VerifyAsync(email)).AccessToken;

    /// <summary>Registers, reads the token from the mail and verifies it; returns both tokens.</summary>
    public async Task<(string AccessToken, string RefreshToken)> VerifyAsync(string? email = null)
    {
        email ??= NewEmail();
        var before = smtp.CountTo(email);
        Assert.Equal(HttpStatusCode.Accepted, (await RegisterAsync(email)).StatusCode);
        var token = await smtp.TokenForAsync(email, before);
        return await TokensFromAsync(await Http.PostAsJsonAsync("/auth/verify", new { token }));
    }

    /// <summary>POST /auth/refresh with <paramref name="refreshToken"/>.</summary>
    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) => Http.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken });

    /// <summary>The token pair of a successful verify or refresh reply.</summary>
    public static async Task<(string AccessToken, string RefreshToken)> TokensFromAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("access_token").GetString()!, json.GetProperty("refresh_token").GetString()!);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? accessToken, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await Http.SendAsync(request);
    }

    /// <summary>Creates a job; returns its id and signed upload URL.</summary>
    public async Task<(string JobId, string UploadUrl)> CreateJobAsync(string accessToken, bool requiresGpu = false)
    {
        var response = await SendAsync(HttpMethod.Post, "/jobs", accessToken, new { name = "test job", requires_gpu = requiresGpu });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("job_id").GetString()!, json.GetProperty("upload").GetProperty("url").GetString()!);
    }

    public async Task<HttpResponseMessage> UploadAsync(string url, byte[] zip)
    {
        using var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await Http.PutAsync(url, content);
    }

    public Task<HttpResponseMessage> CompleteAsync(string accessToken, string jobId) =>
        SendAsync(HttpMethod.Post, $"/jobs/{jobId}/complete-upload", accessToken);

    /// <summary>Creates a job, uploads <paramref name="zip"/> and completes the upload; returns the completion response.</summary>
    public async Task<(string JobId, HttpResponseMessage Completed)> SubmitAsync(string accessToken, byte[] zip, bool requiresGpu = false)
    {
        var (jobId, url) = await CreateJobAsync(accessToken, requiresGpu);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(url, zip)).StatusCode);
        return (jobId, await CompleteAsync(accessToken, jobId));
    }

    public async Task<JsonElement> JobAsync(string accessToken, string jobId)
    {
        var response = await SendAsync(HttpMethod.Get, $"/jobs/{jobId}", accessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the job until it reaches one of <paramref name="states"/> (60 s at most).</summary>
    public async Task<JsonElement> WaitForAsync(string accessToken, string jobId, params string[] states)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = await JobAsync(accessToken, jobId);
            if (states.Contains(job.GetProperty("state").GetString())) return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Job {jobId} did not reach {string.Join('/', states)}: {await JobAsync(accessToken, jobId)}");
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
