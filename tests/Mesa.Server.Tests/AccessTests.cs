using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Server.Configuration;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Mesa.Server.Tests.Support;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Tests;

/// <summary>Registration, tokens, access tokens and signed URLs: who may do what, and what is refused.</summary>
public sealed class AccessTests(SharedServer server) : IClassFixture<SharedServer>, IAsyncLifetime
{
    private MesaApi Api => server.Api;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => server.AssertStillHealthyAsync();

    [Theory]
    [InlineData("name", "{\"email\":\"a@example.org\",\"affiliation\":\"x\",\"project_summary\":\"y\"}")]
    [InlineData("email", "{\"name\":\"A\",\"email\":\"not-an-address\",\"affiliation\":\"x\",\"project_summary\":\"y\"}")]
    [InlineData("affiliation", "{\"name\":\"A\",\"email\":\"a@example.org\",\"project_summary\":\"y\"}")]
    [InlineData("project_summary", "{\"name\":\"A\",\"email\":\"a@example.org\",\"affiliation\":\"x\",\"project_summary\":\"  \"}")]
    public async Task Registration_problems_name_the_field(string field, string json)
    {
        var response = await Api.Http.PostAsync("/register", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await MesaApi.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.StartsWith(field, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Known_and_new_addresses_get_the_same_reply_and_a_token_each()
    {
        var email = MesaApi.NewEmail();
        var first = await (await Api.RegisterAsync(email)).Content.ReadAsStringAsync();
        var firstToken = await server.Host.Smtp.TokenForAsync(email);
        var second = await Api.RegisterAsync(email);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(first, await second.Content.ReadAsStringAsync());
        Assert.NotEqual(firstToken, await server.Host.Smtp.TokenForAsync(email, after: 1));
    }

    [Fact]
    public async Task Email_token_works_once_and_only_its_hash_is_stored()
    {
        var email = MesaApi.NewEmail();
        await Api.RegisterAsync(email);
        var token = await server.Host.Smtp.TokenForAsync(email);
        var verified = await Api.Http.PostAsJsonAsync("/auth/verify", new { token });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var body = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Http.PostAsJsonAsync("/auth/verify", new { token })).StatusCode);
        foreach (var file in Directory.EnumerateFiles(server.Host.DataFolder, "state.db*"))
            Assert.DoesNotContain(token, await File.ReadAllTextAsync(file, System.Text.Encoding.Latin1));
    }

    [Fact]
    public async Task Email_token_is_accepted_as_a_bearer_header()
    {
        var email = MesaApi.NewEmail();
        await Api.RegisterAsync(email);
        var token = await server.Host.Smtp.TokenForAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Post, "/auth/verify", token)).StatusCode);
    }

    [Fact]
    public async Task Tokens_in_the_url_are_refused()
    {
        var access = await Api.SignInAsync();
        foreach (var path in new[] { $"/jobs?access_token={access}", "/auth/verify?token=abc", "/health/live?api_key=1" })
        {
            var response = await Api.Http.PostAsync(path, null);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("never in a URL", (await MesaApi.ProblemAsync(response)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Job_calls_need_a_valid_access_token()
    {
        var access = await Api.SignInAsync();
        var tampered = access[..^4] + (access[^4] == 'A' ? "B" : "A") + access[^3..];
        var parts = access.Split('.');
        var otherPayload = System.Buffers.Text.Base64Url.EncodeToString("{\"sub\":\"someone-else\",\"iss\":\"mesa-server\",\"aud\":\"mesa-api\",\"exp\":9999999999}"u8);
        foreach (var token in new string?[] { null, "garbage", tampered, $"{parts[0]}.{otherPayload}.{parts[2]}" })
        {
            var response = await Api.SendAsync(HttpMethod.Get, "/jobs", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            await MesaApi.ProblemAsync(response);
        }
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, "/jobs", access)).StatusCode);
    }

    [Fact]
    public async Task Another_users_job_is_not_found()
    {
        var owner = await Api.SignInAsync();
        var stranger = await Api.SignInAsync();
        var (jobId, _) = await Api.CreateJobAsync(owner);
        foreach (var (method, path) in new[] { (HttpMethod.Get, $"/jobs/{jobId}"), (HttpMethod.Post, $"/jobs/{jobId}/cancel"),
                     (HttpMethod.Post, $"/jobs/{jobId}/complete-upload"), (HttpMethod.Get, $"/jobs/{jobId}/results") })
            Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(method, path, stranger)).StatusCode);
        Assert.Equal(0, (await (await Api.SendAsync(HttpMethod.Get, "/jobs", stranger)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, $"/jobs/{jobId}", owner)).StatusCode);
    }

    [Fact]
    public async Task Tampered_upload_url_is_refused()
    {
        var access = await Api.SignInAsync();
        var (jobId, url) = await Api.CreateJobAsync(access);
        var (otherJob, _) = await Api.CreateJobAsync(access);
        var zip = "PK"u8.ToArray();
        var later = System.Text.RegularExpressions.Regex.Replace(url, @"expires=(\d+)", m => $"expires={long.Parse(m.Groups[1].Value) + 3600}");
        foreach (var bad in new[] { later, url.Replace(jobId, otherJob), url[..url.IndexOf("&sig=")], url[..^2] + "xx" })
        {
            var response = await Api.UploadAsync(bad, zip);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            await MesaApi.ProblemAsync(response);
        }
        Assert.Equal(HttpStatusCode.OK, (await Api.UploadAsync(url, zip)).StatusCode);
    }

    [Fact]
    public async Task Expired_upload_url_is_refused()
    {
        var access = await Api.SignInAsync();
        var (jobId, _) = await Api.CreateJobAsync(access);
        // Signed with the server's own key but a lifetime already over.
        var options = Options.Create(new MesaOptions { DataFolder = server.Host.DataFolder, Auth = new AuthOptions { SignedUrlMinutes = -1 } });
        var (expired, _) = new UrlSigner(new DataFolder(options), options).Sign("PUT", $"/uploads/{jobId}");
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.UploadAsync(expired, "PK"u8.ToArray())).StatusCode);
    }

    [Fact]
    public async Task Jobs_are_listed_newest_first_in_pages_and_creation_is_idempotent()
    {
        var access = await Api.SignInAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Api.CreateJobAsync(access)).JobId);
            await Task.Delay(5);
        }
        var page = await (await Api.SendAsync(HttpMethod.Get, "/jobs?page=1&page_size=2", access)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal([ids[2], ids[1]], page.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("job_id").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.SendAsync(HttpMethod.Get, "/jobs?page_size=1000", access)).StatusCode);

        async Task<(HttpStatusCode, string)> CreateWithKey()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs");
            request.Headers.Authorization = new("Bearer", access);
            request.Headers.Add("Idempotency-Key", "upload-42");
            var response = await Api.Http.SendAsync(request);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString()!);
        }
        var (firstStatus, firstId) = await CreateWithKey();
        var (secondStatus, secondId) = await CreateWithKey();
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (firstStatus, secondStatus));
        Assert.Equal(firstId, secondId);
    }
}
