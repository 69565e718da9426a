namespace Mesa.Server.Admin.Security;

/// <summary>
/// The console's session cookie: HttpOnly (no script reads it), Secure, SameSite=Strict (never sent on
/// cross-site requests), path-bound to the console. Browsers treat loopback as secure, so it works on a local http URL too.
/// </summary>
public static class AdminCookie
{
    public const string Name = "mesa_admin";
    public const string Path = "/admin";

    public static void Set(HttpResponse response, string value, TimeSpan lifetime) =>
        response.Cookies.Append(Name, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Strict,
            Path = Path,
            MaxAge = lifetime,
            IsEssential = true,
        });

    public static void Clear(HttpResponse response) =>
        response.Cookies.Delete(Name, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = Path });

    public static string? From(HttpRequest request) => request.Cookies.TryGetValue(Name, out var value) && value.Length > 0 ? value : null;
}
