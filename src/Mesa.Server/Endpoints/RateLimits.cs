using System.Threading.RateLimiting;
using Mesa.Server.Configuration;
using Microsoft.AspNetCore.RateLimiting;

namespace Mesa.Server.Endpoints;

/// <summary>Fixed-window limit per client IP on the unauthenticated endpoints (register, verify).</summary>
public static class RateLimits
{
    public const string PerIp = "per-ip";

    public static void AddMesaRateLimits(this IServiceCollection services, AuthOptions auth) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerIp, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.RequestsPerIpPerWindow, Window = TimeSpan.FromSeconds(auth.RateWindowSeconds) }));
            limiter.OnRejected = async (context, cancellation) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = auth.RateWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Create(StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"At most {auth.RequestsPerIpPerWindow} requests per {auth.RateWindowSeconds} s from one address; try again later.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
}
