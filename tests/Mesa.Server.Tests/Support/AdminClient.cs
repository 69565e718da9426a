using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mesa.Server.Admin.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mesa.Server.Tests.Support;

/// <summary>An admin signed in over HTTP: the session cookie and CSRF token sent by hand, as a browser would.</summary>
public sealed class AdminClient(ServerHost host, string cookie, string csrf)
{
    public const string Password = "a long test password 42";

    public string Cookie { get; } = cookie;
    public string Csrf { get; } = csrf;

    /// <summary>Creates the admin in the server's store (1,000 PBKDF2 iterations: the tests check behaviour, bench/console.sh the cost).</summary>
    public static string CreateAdmin(ServerHost host, string? email = null, int iterations = 1000)
    {
        email ??= $"admin-{Guid.NewGuid():N}@example.org";
        host.Services.GetRequiredService<AdminAccounts>().AddOrReset(email, Password, iterations);
        return email;
    }

    public static Task<HttpResponseMessage> SignInAsync(ServerHost host, string email, string password) =>
        host.Http.PostAsJsonAsync("/admin/api/sign-in", new { email, password });

    public static async Task<AdminClient> SignedInAsync(ServerHost host, string? email = null)
    {
        email ??= CreateAdmin(host);
        var response = await SignInAsync(host, email, Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mesa_admin=", StringComparison.Ordinal));
        foreach (var attribute in new[] { "httponly", "secure", "samesite=strict", "path=/admin" }) Assert.Contains(attribute, setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0]["mesa_admin=".Length..];
        var session = await SendRawAsync(host, HttpMethod.Get, "/admin/api/session", cookie, null, null);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var csrf = (await session.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrf_token").GetString()!;
        return new AdminClient(host, cookie, csrf);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) => SendRawAsync(host, method, path, Cookie, Csrf, body);

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, object? body = null)
    {
        var response = await SendAsync(method, path, body);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Sets a user's overrides through the console's API, as an operator does (<c>PATCH /admin/api/users/{id}</c>).</summary>
    public async Task UpdateUserAsync(string email, object changes)
    {
        var found = await JsonAsync(HttpMethod.Get, $"/admin/api/users?q={Uri.EscapeDataString(email)}");
        var id = found.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString();
        await JsonAsync(HttpMethod.Patch, $"/admin/api/users/{id}", changes);
    }

    public static async Task<HttpResponseMessage> SendRawAsync(ServerHost host, HttpMethod method, string path, string? cookie, string? csrf, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookie is not null) request.Headers.Add("Cookie", $"mesa_admin={cookie}");
        if (csrf is not null) request.Headers.Add("X-CSRF-Token", csrf);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await host.Http.SendAsync(request);
    }
}
