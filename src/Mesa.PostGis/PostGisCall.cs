using Mesa.Processing.Engines;
using Npgsql;

namespace Mesa.PostGis;

/// <summary>
/// How the PostGIS engine, called from the synchronous pipeline, waits for the database: a cancel
/// surfaces as <see cref="OperationCanceledException"/>, any other database failure as one
/// <see cref="EngineException"/> line.
/// </summary>
internal static class PostGisCall
{
    public static T Wait<T>(Func<Task<T>> call, CancellationToken cancellation)
    {
        try
        {
            return call().GetAwaiter().GetResult();
        }
        catch (NpgsqlException e)
        {
            throw Translate(e, cancellation);
        }
    }

    public static void Wait(Func<Task> call, CancellationToken cancellation) =>
        Wait(async () =>
        {
            await call();
            return true;
        }, cancellation);

    /// <summary>The exception to throw for a database failure seen while <paramref name="cancellation"/> applied.</summary>
    public static Exception Translate(NpgsqlException e, CancellationToken cancellation) =>
        cancellation.IsCancellationRequested
            ? new OperationCanceledException("Cancelled while PostGIS was working.", e, cancellation)
            : new EngineException($"PostGIS failed: {e.Message}", e);
}
