using Mesa.Server.Configuration;
using Mesa.Server.Quotas;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Endpoints;

/// <summary>POST /auth/verify: redeems the mailed one-time token for the profile and a short-lived access token.</summary>
public static class VerifyEndpoint
{
    public static void MapVerify(this IEndpointRouteBuilder app) =>
        app.MapPost("/auth/verify", HandleAsync).RequireRateLimiting(RateLimits.PerIp).WithTags("auth")
            .Accepts<VerifyRequest>(isOptional: true, "application/json")
            .WithSummary("Redeem the mailed token (body, or Authorization: Bearer) for profile, quotas and an access token")
            .Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> HandleAsync(HttpRequest request, UserRepository users, AccessTokens tokens, UserQuotas quotas, IOptions<MesaOptions> options, ILoggerFactory loggers)
    {
        var token = BearerToken.From(request);
        if (token is null)
        {
            var (body, problem) = await JsonBody.ReadAsync<VerifyRequest>(request);
            if (problem is not null) return problem;
            token = body!.Token?.Trim();
        }
        if (string.IsNullOrEmpty(token)) return Problems.Field("token", "is required (in the JSON body or as 'Authorization: Bearer <token>').");

        var user = users.Redeem(EmailTokens.Hash(token));
        if (user is null)
            return Problems.Create(StatusCodes.Status401Unauthorized, "Token not accepted", "The token is unknown, already used or expired; register again to get a new one.");
        loggers.CreateLogger(typeof(VerifyEndpoint)).LogInformation("User {UserId} verified a token", user.Id);
        return Results.Ok(new
        {
            user = new { id = user.Id, name = user.Name, email = user.Email, affiliation = user.Affiliation, project_summary = user.ProjectSummary, priority = user.Priority },
            quotas = quotas.For(user),
            retention_minutes = user.RetentionMinutes ?? options.Value.Retention.Minutes,
            access_token = tokens.Issue(user),
            token_type = "Bearer",
            expires_in = (int)tokens.Lifetime.TotalSeconds,
        });
    }
}
