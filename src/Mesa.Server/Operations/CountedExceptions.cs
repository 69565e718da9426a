using Microsoft.AspNetCore.Diagnostics;

namespace Mesa.Server.Operations;

/// <summary>Counts every exception a request leaves unhandled, then lets the problem-details handler answer as before.</summary>
public sealed class CountedExceptions(MesaMetrics metrics) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        metrics.Error("request");
        return ValueTask.FromResult(false);
    }
}
