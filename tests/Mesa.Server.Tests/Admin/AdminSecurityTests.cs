using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Tests.Support;
using Mesa.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mesa.Server.Storage;

namespace Mesa.Server.Tests.Admin;

/// <summary>The admin API over HTTP: who gets in (only signed-in admins), CSRF, lockout, rate limits, and no secret left behind.</summary>
public sealed class AdminSecurityTests
{
    [Fact]
    public async Task Every_admin_route_refuses_anonymous_and_user_callers()
    {
        await using var host = await ServerHost.StartAsync();
        var userToken = await new MesaApi(host).SignInAsync();
        var routes = AdminRoutes(host);
        Assert.True(routes.Count >= 20, $"only {routes.Count} admin routes found");
        foreach (var (method, path) in routes)
        {
            foreach (var (caller, response) in new[]
            {
                ("anonymous", await AdminClient.SendRawAsync(host, method, path, null, null, new { })),
                ("user token", await new MesaApi(host).SendAsync(method, path, userToken, new { })),
                ("forged cookie", await AdminClient.SendRawAsync(host, method, path, "not-a-session", null, new { })),
            })
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{caller} {method} {path}: {(int)response.StatusCode}");
                Assert.Equal("Admin sign-in required", (await MesaApi.ProblemAsync(response)).GetProperty("title").GetString());
            }
        }
    }

    [Fact]
    public async Task The_orleans_dashboard_opens_only_for_signed_in_console_admins()
    {
        const string adminKey = "script-admin-key";
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Cluster:AdminApiKey"] = adminKey });
        var userToken = await new MesaApi(host).SignInAsync();
        string[] paths = ["/admin/orleans", "/admin/orleans/", "/admin/orleans/DashboardCounters", "/admin/orleans/ClusterStats", "/admin/orleans/Reminders/1"];
        foreach (var path in paths)
        {
            using var withKey = new HttpRequestMessage(HttpMethod.Get, path);
            withKey.Headers.Add("X-Mesa-Admin-Key", adminKey);
            foreach (var (caller, response) in new[]
            {
                ("anonymous", await AdminClient.SendRawAsync(host, HttpMethod.Get, path, null, null, null)),
                ("user token", await new MesaApi(host).SendAsync(HttpMethod.Get, path, userToken)),
                ("forged cookie", await AdminClient.SendRawAsync(host, HttpMethod.Get, path, "not-a-session", null, null)),
                ("admin key", await host.Http.SendAsync(withKey)),
            })
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{caller} GET {path}: {(int)response.StatusCode}");
                Assert.Equal("Admin sign-in required", (await MesaApi.ProblemAsync(response)).GetProperty("title").GetString());
            }
        }

        var admin = await AdminClient.SignedInAsync(host);
        var page = await admin.SendAsync(HttpMethod.Get, "/admin/orleans/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync());
        // The dashboard's own data (collected every few seconds): this silo, active, and its processing grain.
        await Eventually.HoldsAsync(async () =>
        {
            var counters = await admin.JsonAsync(HttpMethod.Get, "/admin/orleans/DashboardCounters");
            return counters.GetProperty("totalActiveHostCount").GetInt32() == 1
                && counters.GetProperty("simpleGrainStats").EnumerateArray().Any(g => g.GetProperty("grainType").GetString()!.Contains("ProcessingGrain"));
        }, "the dashboard showing this silo and its processing grain");
        // Signed out, the same cookie opens nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Post, "/admin/api/sign-out")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminClient.SendRawAsync(host, HttpMethod.Get, "/admin/orleans/", admin.Cookie, null, null)).StatusCode);
    }

    [Fact]
    public async Task State_changing_admin_requests_need_the_sessions_csrf_token()
    {
        await using var host = await ServerHost.StartAsync();
        var admin = await AdminClient.SignedInAsync(host);
        var other = await AdminClient.SignedInAsync(host);
        var changing = AdminRoutes(host).Where(r => r.Method != HttpMethod.Get).ToList();
        Assert.True(changing.Count >= 10);
        foreach (var (method, path) in changing)
        {
            foreach (var csrf in new[] { null, "wrong", other.Csrf })
            {
                var response = await AdminClient.SendRawAsync(host, method, path, admin.Cookie, csrf, new { });
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with CSRF '{csrf}': {(int)response.StatusCode}");
                Assert.Equal("CSRF check failed", (await MesaApi.ProblemAsync(response)).GetProperty("title").GetString());
            }
        }
        // Nothing was changed by the refused calls; with the right token the same call works.
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(HttpMethod.Put, "/admin/api/settings", new { retention_minutes = 90 })).StatusCode);
        Assert.Equal(90, (await admin.JsonAsync(HttpMethod.Get, "/admin/api/settings")).GetProperty("retention_minutes").GetDouble());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_and_sign_ins_are_rate_limited()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?>
        {
            ["Mesa:Admin:MaxFailedSignIns"] = "3",
            ["Mesa:Admin:SignInsPerIpPerWindow"] = "6",
            ["Mesa:Admin:SignInWindowSeconds"] = "600",
        });
        var email = AdminClient.CreateAdmin(host);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await AdminClient.SignInAsync(host, email, "wrong password!!")).StatusCode);
        var locked = await AdminClient.SignInAsync(host, email, "wrong password!!");
        Assert.Equal(HttpStatusCode.Locked, locked.StatusCode);
        Assert.Contains("locked", (await MesaApi.ProblemAsync(locked)).GetProperty("detail").GetString());
        // Locked: even the right password is refused, and no session cookie is handed out.
        var right = await AdminClient.SignInAsync(host, email, AdminClient.Password);
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.False(right.Headers.Contains("Set-Cookie"));
        // An unknown address fails like a wrong password (sixth attempt from this address), the seventh hits the rate limit.
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminClient.SignInAsync(host, "nobody@example.org", "whatever password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminClient.SignInAsync(host, "nobody@example.org", "whatever password")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AdminClient.SignInAsync(host, email, AdminClient.Password)).StatusCode);

        var actions = AuditRows(host).Select(r => r.Action).ToList();
        Assert.Equal(4, actions.Count(a => a == "admin.sign_in_failed"));
        Assert.Equal(2, actions.Count(a => a == "admin.sign_in_locked"));
        Assert.DoesNotContain("admin.sign_in", actions);
    }

    [Fact]
    public async Task Admin_add_takes_the_password_from_stdin_and_the_admin_can_sign_in()
    {
        await using var host = await ServerHost.StartAsync();
        var bad = CliRunner.RunWithInput("too short\n", "admin", "add", "--email", "root@example.org", "--data-folder", host.DataFolder);
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("mesa-cloud admin add: the password must be at least 12 characters long.", bad.Stderr.Trim());
        Assert.Equal(1, CliRunner.RunWithInput("a long enough password\n", "admin", "add", "--email", "not-an-address", "--data-folder", host.DataFolder).ExitCode);
        Assert.Equal(1, CliRunner.RunWithInput("a long enough password\n", "admin", "add", "--email", "root@example.org", "--data-folder", "/nonexistent/mesa").ExitCode);

        var added = CliRunner.RunWithInput("a long enough password\n", "admin", "add", "--email", "Root@Example.org", "--data-folder", host.DataFolder);
        Assert.True(added.ExitCode == 0, added.Stderr);
        Assert.Contains("created", added.Stdout);
        Assert.Equal(HttpStatusCode.OK, (await AdminClient.SignInAsync(host, "root@example.org", "a long enough password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminClient.SignInAsync(host, "root@example.org", "a long enough passwore")).StatusCode);
        // Run again: the password is replaced, the old one stops working.
        Assert.Equal(0, CliRunner.RunWithInput("another long password\n", "admin", "add", "--email", "root@example.org", "--data-folder", host.DataFolder).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminClient.SignInAsync(host, "root@example.org", "a long enough password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AdminClient.SignInAsync(host, "root@example.org", "another long password")).StatusCode);
        // Stored: PBKDF2 hash and salt, never the password.
        using var connection = host.Services.GetRequiredService<StateDatabase>().Open();
        var row = connection.QuerySingle<(string Hash, string Salt, long Iterations)>("SELECT password_hash, password_salt, iterations FROM admins WHERE email = 'root@example.org'");
        Assert.Equal(600_000, row.Iterations);
        Assert.DoesNotContain("another", row.Hash + row.Salt);
    }

    [Fact]
    public async Task No_password_or_token_reaches_the_log_or_the_audit_log()
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"mesa-admin-log-{Guid.NewGuid():N}.json");
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:LogFile"] = logFile });
        var api = new MesaApi(host);
        var adminEmail = AdminClient.CreateAdmin(host);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminClient.SignInAsync(host, adminEmail, "a wrong password 17")).StatusCode);
        var admin = await AdminClient.SignedInAsync(host, adminEmail);

        var email = MesaApi.NewEmail();
        var access = await api.SignInAsync(email);
        var userId = (await admin.JsonAsync(HttpMethod.Get, $"/admin/api/users?q={Uri.EscapeDataString(email)}")).GetProperty("items")[0].GetProperty("id").GetString()!;
        var (jobId, _) = await api.CreateJobAsync(access);
        for (var i = 0; i < 5; i++) await api.JobAsync(access, jobId);
        var mailsBefore = host.Smtp.CountTo(email);
        await admin.JsonAsync(HttpMethod.Post, $"/admin/api/users/{userId}/rotate-token");
        var rotated = await host.Smtp.TokenForAsync(email, mailsBefore);
        var created = MesaApi.NewEmail();
        await admin.JsonAsync(HttpMethod.Post, "/admin/api/users", new { email = created, name = "Created By Admin" });
        var createdToken = await host.Smtp.TokenForAsync(created);
        await admin.JsonAsync(HttpMethod.Post, $"/admin/api/users/{userId}/revoke-tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "/jobs", access)).StatusCode);
        await admin.SendAsync(HttpMethod.Post, "/admin/api/sign-out");
        await host.RestartAsync();

        var secrets = new[] { AdminClient.Password, "a wrong password 17", admin.Cookie, admin.Csrf, access, rotated, createdToken };
        var log = await File.ReadAllTextAsync(logFile);
        var audit = AuditRows(host);
        Assert.Contains(audit, r => r.Action == "user.rotate_token" && r.Target == userId);
        Assert.Contains(audit, r => r.Action == "job.access" && r.Target == jobId && r.ActorKind == "user" && r.Actor == userId && r.Detail == "POST /jobs/ -> 201");
        // Polling the status five times within a minute is one entry, not five.
        Assert.Single(audit, r => r.Action == "job.access" && r.Target == jobId && r.Detail == "GET /jobs/{id} -> 200");
        Assert.Contains(audit, r => r.Action == "admin.sign_in_failed" && r.Actor == adminEmail);
        var auditText = string.Join('\n', audit.Select(r => $"{r.Actor} {r.Action} {r.Target} {r.Detail}"));
        foreach (var secret in secrets)
        {
            Assert.False(log.Contains(secret, StringComparison.Ordinal), "a secret is in the server log");
            Assert.False(auditText.Contains(secret, StringComparison.Ordinal), "a secret is in the audit log");
        }
        Assert.Contains("user.rotate_token", log, StringComparison.Ordinal);
        File.Delete(logFile);
    }

    [Fact]
    public async Task Blacklisting_blocks_registration_and_existing_users_until_removed()
    {
        await using var host = await ServerHost.StartAsync();
        var api = new MesaApi(host);
        var admin = await AdminClient.SignedInAsync(host);
        var domain = $"blocked-{Guid.NewGuid():N}.org";
        var access = await api.SignInAsync($"early@{domain}");
        var before = host.Smtp.CountTo($"early@{domain}");
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync($"early@{domain}")).StatusCode);
        var unused = await host.Smtp.TokenForAsync($"early@{domain}", before);

        var added = await admin.JsonAsync(HttpMethod.Post, "/admin/api/blacklist", new { kind = "domain", value = "@" + domain.ToUpperInvariant(), reason = "abuse" });
        Assert.Equal(1, added.GetProperty("users_blocked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "/jobs", access)).StatusCode);
        var refused = await api.RegisterAsync($"late@{domain}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Registration refused", (await MesaApi.ProblemAsync(refused)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Http.PostAsJsonAsync("/auth/verify", new { token = unused })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, "/admin/api/blacklist", new { kind = "domain", value = domain })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, "/admin/api/blacklist", new { kind = "domain", value = "no-dot" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, "/admin/api/blacklist", new { kind = "ip", value = "1.2.3.4" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Post, "/admin/api/blacklist/remove", new { kind = "domain", value = domain })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync($"late@{domain}")).StatusCode);
    }

    [Fact]
    public async Task Settings_persist_across_restarts_and_apply_to_new_jobs()
    {
        await using var host = await ServerHost.StartAsync();
        var admin = await AdminClient.SignedInAsync(host);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Put, "/admin/api/settings", new { retention_minutes = 0 })).StatusCode);
        await admin.JsonAsync(HttpMethod.Put, "/admin/api/settings", new { retention_minutes = 120, max_upload_bytes = 2 * 1024 * 1024 });
        await host.RestartAsync();
        var again = await AdminClient.SignedInAsync(host);
        var settings = await again.JsonAsync(HttpMethod.Get, "/admin/api/settings");
        Assert.Equal(120, settings.GetProperty("retention_minutes").GetDouble());
        var api = new MesaApi(host);
        var response = await api.SendAsync(HttpMethod.Post, "/jobs", await api.SignInAsync(), new { name = "limit" });
        Assert.Equal(2 * 1024 * 1024, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload").GetProperty("max_bytes").GetInt64());
    }

    [Fact]
    public async Task User_overrides_set_by_an_admin_apply_to_the_users_calls()
    {
        await using var host = await ServerHost.StartAsync();
        var api = new MesaApi(host);
        var admin = await AdminClient.SignedInAsync(host);
        var email = MesaApi.NewEmail();
        var access = await api.SignInAsync(email);
        var userId = (await admin.JsonAsync(HttpMethod.Get, $"/admin/api/users?q={Uri.EscapeDataString(email)}")).GetProperty("items")[0].GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Patch, $"/admin/api/users/{userId}", new { clear = new[] { "email" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Patch, $"/admin/api/users/{userId}", new { priority = 1000 })).StatusCode);

        var updated = await admin.JsonAsync(HttpMethod.Patch, $"/admin/api/users/{userId}", new { priority = 7, quota_jobs_per_day = 0, quota_upload_bytes = 1234567 });
        Assert.Equal(7, updated.GetProperty("priority").GetInt64());
        var refused = await api.SendAsync(HttpMethod.Post, "/jobs", access, new { name = "over quota" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("jobs_per_day", (await MesaApi.ProblemAsync(refused)).GetProperty("quota").GetString());

        await admin.JsonAsync(HttpMethod.Patch, $"/admin/api/users/{userId}", new { clear = new[] { "quota_jobs_per_day" } });
        var created = await api.SendAsync(HttpMethod.Post, "/jobs", access, new { name = "allowed again" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1234567, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("upload").GetProperty("max_bytes").GetInt64());
        var audit = AuditRows(host).Where(r => r.Action == "user.update" && r.Target == userId).Select(r => r.Detail).ToList();
        Assert.Contains("priority 7; quota_jobs_per_day 0; quota_upload_bytes 1234567", audit);
        Assert.Contains("quota_jobs_per_day default", audit);
    }

    [Fact]
    public async Task Revoking_a_user_also_revokes_their_refresh_tokens()
    {
        await using var host = await ServerHost.StartAsync();
        var api = new MesaApi(host);
        var admin = await AdminClient.SignedInAsync(host);
        var email = MesaApi.NewEmail();
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync(email)).StatusCode);
        var verified = await api.Http.PostAsJsonAsync("/auth/verify", new { token = await host.Smtp.TokenForAsync(email) });
        var reply = await verified.Content.ReadFromJsonAsync<JsonElement>();
        var refresh = reply.GetProperty("refresh_token").GetString()!;
        var userId = reply.GetProperty("user").GetProperty("id").GetString()!;

        await admin.JsonAsync(HttpMethod.Post, $"/admin/api/users/{userId}/revoke-tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "/jobs", reply.GetProperty("access_token").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Http.PostAsJsonAsync("/auth/refresh", new { refresh_token = refresh })).StatusCode);
    }

    /// <summary>Every admin API route (method, path with placeholder ids) but sign-in, read from the running app's routing table.</summary>
    private static List<(HttpMethod Method, string Path)> AdminRoutes(ServerHost host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/admin/api/", StringComparison.Ordinal) && e.RoutePattern.RawText != "/admin/api/sign-in")
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => (new HttpMethod(m), e.RoutePattern.RawText!.Replace("{id}", new string('a', 32)).Replace("{**rest}", "anything"))))
            .ToList();

    private static List<AuditEntry> AuditRows(ServerHost host)
    {
        using var connection = host.Services.GetRequiredService<StateDatabase>().Open();
        return connection.Query<AuditEntry>("SELECT seq AS Seq, at_ms AS AtMs, actor_kind AS ActorKind, actor AS Actor, action AS Action, target AS Target, detail AS Detail FROM audit_log").ToList();
    }
}
