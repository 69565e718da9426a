using Mesa.Server.Admin.Storage;
using System.Net.Mail;
using Mesa.Server.Configuration;
using Mesa.Server.Grains;
using Mesa.Server.Mail;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Endpoints;

/// <summary>
/// POST /register: mails a one-time token. The reply is the same for new and known addresses, so
/// the endpoint cannot be used to find out who is registered.
/// </summary>
public static class RegisterEndpoint
{
    public const string Reply = "If the address can receive mail, a one-time token is on its way to it.";

    public static void MapRegister(this IEndpointRouteBuilder app) =>
        app.MapPost("/register", HandleAsync).RequireRateLimiting(RateLimits.PerIp).WithTags("auth")
            .Accepts<RegisterRequest>("application/json").WithSummary("Register (or ask for a new token): mails a one-time token")
            .Produces(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<IResult> HandleAsync(HttpRequest request, UserRepository users, TokenMailer mailer, Blacklist blacklist,
        IGrainFactory grains, IOptions<MesaOptions> options, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellation)
    {
        var (body, problem) = await JsonBody.ReadAsync<RegisterRequest>(request);
        if (problem is not null) return problem;
        if (Validate(body!) is { } invalid) return invalid;
        var email = body!.Email!.Trim().ToLowerInvariant();
        var logger = loggers.CreateLogger(typeof(RegisterEndpoint));
        var auth = options.Value.Auth;
        if (RegistrationBlocklist.Blocks(auth, email) || blacklist.Blocks(email))
        {
            logger.LogWarning("Registration refused: the address or its domain is blocked");
            return Problems.Create(StatusCodes.Status403Forbidden, "Registration refused",
                "email: registrations from this address or its domain are not accepted here; contact the operator of this server.");
        }

        var (user, created) = await grains.GetGrain<IUserGrain>(users.IdFor(email) ?? UserRepository.NewId())
            .RegisterAsync(email, body.Name!.Trim(), body.Affiliation!.Trim(), body.ProjectSummary!.Trim());
        if (await grains.GetGrain<IUserGrain>(user.Id).EmailTokensSinceAsync(clock.GetUtcNow().AddHours(-1)) >= auth.MailsPerEmailPerHour)
        {
            logger.LogWarning("Registration for user {UserId}: mail limit of {Limit} per hour reached, no token sent", user.Id, auth.MailsPerEmailPerHour);
            return Results.Accepted(value: new { message = Reply });
        }

        await mailer.SendAsync(user, created ? "welcome to MESA cloud processing." : "here is a new token for your existing MESA cloud account.", cancellation);
        logger.LogInformation("Registration: token mailed to user {UserId} (new user: {Created})", user.Id, created);
        return Results.Accepted(value: new { message = Reply });
    }

    private static IResult? Validate(RegisterRequest body)
    {
        if (Required("name", body.Name, 200) is { } name) return name;
        if (Required("email", body.Email, 254) is { } email) return email;
        if (!MailAddress.TryCreate(body.Email!.Trim(), out var address) || address.Address != body.Email.Trim() || !address.Host.Contains('.'))
            return Problems.Field("email", "is not a valid email address (expected name@domain.tld).");
        if (Required("affiliation", body.Affiliation, 200) is { } affiliation) return affiliation;
        return Required("project_summary", body.ProjectSummary, 4000);
    }

    private static IResult? Required(string field, string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? Problems.Field(field, "is required.")
        : value.Length > maxLength ? Problems.Field(field, $"is longer than {maxLength} characters.")
        : null;
}
