namespace Mesa.Server.Endpoints;

/// <summary>
/// THE hook every <c>/admin</c> endpoint goes through: decides whether a request comes from a signed-in admin.
/// Admin sign-in registers its own implementation in place of <see cref="NoAdminSignIn"/>.
/// </summary>
public interface IAdminGuard
{
    /// <summary>Null to let the request through; otherwise the problem to answer with (401 or 403).</summary>
    ValueTask<IResult?> CheckAsync(HttpContext http);
}

/// <summary>The guard while no admin sign-in is configured: every admin request is refused.</summary>
public sealed class NoAdminSignIn : IAdminGuard
{
    public ValueTask<IResult?> CheckAsync(HttpContext http) => ValueTask.FromResult<IResult?>(
        Problems.Create(StatusCodes.Status403Forbidden, "Admins only", "Admin sign-in is not configured on this server."));
}

/// <summary>Endpoint filter applying <see cref="IAdminGuard"/>; add it to every admin route group.</summary>
public sealed class RequireAdmin(IAdminGuard guard) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await guard.CheckAsync(context.HttpContext) ?? await next(context);
}
