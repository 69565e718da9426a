using System.Reflection;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>The console's static files, embedded in the server assembly (no CDN, nothing fetched from elsewhere).</summary>
public static class ConsoleFiles
{
    private const string ResourcePrefix = "Mesa.Server.Admin.Console.";

    private static readonly Dictionary<string, string> ContentTypes = new()
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    private static readonly Dictionary<string, byte[]> Files = Load();

    public static void MapConsoleFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/{file?}", (HttpContext http, string? file) =>
        {
            var name = string.IsNullOrEmpty(file) ? "index.html" : file;
            if (!Files.TryGetValue(name, out var bytes)) return Results.NotFound();
            // The pages load only their own scripts and talk only to this server.
            http.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            return Results.Bytes(bytes, ContentTypes[Path.GetExtension(name)]);
        }).ExcludeFromDescription();
    }

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                return memory.ToArray();
            });
    }
}
