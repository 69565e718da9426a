using System.Security.Cryptography;
using System.Text;
using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Security;

/// <summary>
/// The interim guard on <c>/admin/*</c>: the request must carry <c>Mesa:Cluster:AdminApiKey</c> in the
/// <c>X-Mesa-Admin-Key</c> header (compared in constant time). With no key configured the admin endpoints are off (403).
/// </summary>
public sealed class AdminKeyGuard(IOptions<MesaOptions> options) : IEndpointFilter
{
    public const string Header = "X-Mesa-Admin-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = options.Value.Cluster.AdminApiKey;
        if (string.IsNullOrEmpty(configured))
            return Problems.Create(StatusCodes.Status403Forbidden, "Admin endpoints are off", "Set Mesa:Cluster:AdminApiKey to enable them.");
        var sent = context.HttpContext.Request.Headers[Header].ToString();
        // Hashing first gives equal lengths, so the comparison's time says nothing about the key.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(configured))))
            return Problems.Create(StatusCodes.Status401Unauthorized, "Admin key required", $"Send the configured admin key in the {Header} header.");
        return await next(context);
    }
}
