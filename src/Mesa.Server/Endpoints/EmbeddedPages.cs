using System.Reflection;

namespace Mesa.Server.Endpoints;

/// <summary>
/// Serves a folder of static pages embedded in the server assembly (no CDN, nothing fetched from elsewhere) under one
/// route, with a strict Content-Security-Policy: the pages load only their own files and talk only to this server.
/// </summary>
public static class EmbeddedPages
{
    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly Dictionary<string, string> ContentTypes = new()
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>Maps <c>{route}/{file}</c> to the resources named <c>{resourcePrefix}{file}</c>; <c>{route}/</c> gives index.html.</summary>
    public static void MapEmbeddedPages(this IEndpointRouteBuilder app, string route, string resourcePrefix)
    {
        var files = Load(resourcePrefix);
        app.MapGet(route + "/{file?}", (HttpContext http, string? file) =>
        {
            var name = string.IsNullOrEmpty(file) ? "index.html" : file;
            if (!files.TryGetValue(name, out var bytes)) return Results.NotFound();
            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            return Results.Bytes(bytes, ContentTypes[Path.GetExtension(name)]);
        }).ExcludeFromDescription();
    }

    private static Dictionary<string, byte[]> Load(string resourcePrefix)
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[resourcePrefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return memory.ToArray();
            });
    }
}
