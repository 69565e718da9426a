using Mesa.Server.Admin.Storage;
using Mesa.Server.Configuration;
using Mesa.Server.Grains;
using Mesa.Server.Quotas;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Endpoints;

/// <summary>POST /auth/verify: redeems the mailed one-time token for the profile, a short-lived access token and the first refresh token.</summary>
public static class VerifyEndpoint
{
    public static void MapVerify(this IEndpointRouteBuilder app) =>
        app.MapPost("/auth/verify", HandleAsync).RequireRateLimiting(RateLimits.PerIp).WithTags("auth")
            .Accepts<VerifyRequest>(isOptional: true, "application/json")
            .WithSummary("Redeem the mailed token (body, or Authorization: Bearer) for profile, quotas and an access token")
            .Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> HandleAsync(HttpRequest request, UserRepository users, AccessTokens tokens, RefreshTokenRepository refresh, UserQuotas quotas,
        Blacklist blacklist, ServerSettings settings, IGrainFactory grains, IOptions<MesaOptions> options, ILoggerFactory loggers)
    {
        var (token, problem) = await SecretInput.ReadAsync<VerifyRequest>(request, "token", body => body.Token);
        if (problem is not null) return problem;

        if (TokenReply.Unavailable(tokens) is { } unavailable) return unavailable;
        var hash = EmailTokens.Hash(token!);
        var owner = users.UserOfToken(hash) is { } userId ? grains.GetGrain<IUserGrain>(userId) : null;
        var user = owner is not null && await owner.RedeemEmailTokenAsync(hash) ? await owner.GetAsync() : null;
        if (user is null)
            return Problems.Create(StatusCodes.Status401Unauthorized, "Token not accepted", "The token is unknown, already used or expired; register again to get a new one.");
        if (blacklist.Blocks(user.Email))
            return Problems.Create(StatusCodes.Status403Forbidden, "Account blocked", "The account is blocked by the server's administrators.");
        loggers.CreateLogger(typeof(VerifyEndpoint)).LogInformation("User {UserId} verified a token", user.Id);
        var reply = TokenReply.For(user, refresh.Start(user.Id), tokens, refresh);
        reply["user"] = new { id = user.Id, name = user.Name, email = user.Email, affiliation = user.Affiliation, project_summary = user.ProjectSummary, priority = user.Priority };
        reply["quotas"] = quotas.For(user);
        reply["retention_minutes"] = user.RetentionMinutes ?? settings.Retention;
        reply["retention_after_download_minutes"] = options.Value.Retention.AfterDownloadMinutes;
        return Results.Ok(reply);
    }
}
