using Mesa.Server.Configuration;

namespace Mesa.Server.Endpoints;

/// <summary>The origin clients reach this server at: <c>Mesa:PublicBaseUrl</c>, or else the request's own scheme and host.</summary>
public static class PublicOrigin
{
    public static string Of(HttpRequest request, MesaOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
}
