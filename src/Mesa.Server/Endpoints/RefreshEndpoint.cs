using Mesa.Server.Security;
using Mesa.Server.Storage;

namespace Mesa.Server.Endpoints;

/// <summary>POST /auth/refresh: spends a refresh token for a new access token and the next refresh token.</summary>
public static partial class RefreshEndpoint
{
    public static void MapRefresh(this IEndpointRouteBuilder app) =>
        app.MapPost("/auth/refresh", HandleAsync).RequireRateLimiting(RateLimits.PerIp).WithTags("auth");

    private static async Task<IResult> HandleAsync(HttpRequest request, UserRepository users, AccessTokens tokens, RefreshTokenRepository refresh, ILoggerFactory loggers)
    {
        var (token, problem) = await SecretInput.ReadAsync<RefreshRequest>(request, "refresh_token", body => body.RefreshToken);
        if (problem is not null) return problem;

        if (TokenReply.Unavailable(tokens) is { } unavailable) return unavailable;
        var logger = loggers.CreateLogger(typeof(RefreshEndpoint));
        switch (refresh.Rotate(token!))
        {
            case RefreshOutcome.Rotated rotated when users.Find(rotated.UserId) is { } user:
                LogRotated(logger, user.Id, rotated.FamilyId);
                return Results.Ok(TokenReply.For(user, rotated.NewToken, tokens, refresh));
            case RefreshOutcome.Reused reused:
                LogReused(logger, reused.UserId, reused.FamilyId);
                return NotAccepted("The refresh token was already used, so every token issued with it is now revoked; verify again with a new mailed token.");
            default:
                return NotAccepted("The refresh token is unknown, expired or revoked; register and verify again.");
        }
    }

    private static IResult NotAccepted(string detail) => Problems.Create(StatusCodes.Status401Unauthorized, "Refresh token not accepted", detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} refreshed tokens of family {FamilyId}")]
    private static partial void LogRotated(ILogger logger, string userId, string familyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A spent refresh token of user {UserId} was presented again; family {FamilyId} revoked")]
    private static partial void LogReused(ILogger logger, string userId, string familyId);
}
