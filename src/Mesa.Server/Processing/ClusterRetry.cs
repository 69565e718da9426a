using System.Diagnostics;

namespace Mesa.Server.Processing;

/// <summary>
/// Calls from a run's own thread to the job's grain. When the silo hosting that grain dies, calls fail until
/// membership declares it dead and the grain is placed again (seconds); retrying through that window means nothing a
/// run reports (log lines, stages, its ending) is lost. The job transitions are conditional writes, so a retried
/// one that had taken effect simply reports that it changed nothing.
/// </summary>
public static class ClusterRetry
{
    /// <summary>Well past the failure-detection time; a cluster unreachable for longer than this has bigger trouble.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    public static async Task<T> CallAsync<T>(Func<Task<T>> call, string what, ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when ((e is OrleansException or TimeoutException) && clock.Elapsed < Patience)
            {
                logger.LogWarning("{What} failed, trying again in {PauseMs} ms: {Problem}", what, pause.TotalMilliseconds, e.Message);
                await Task.Delay(pause);
                pause = TimeSpan.FromTicks(Math.Min(2 * pause.Ticks, LongestPause.Ticks));
            }
        }
    }

    public static Task CallAsync(Func<Task> call, string what, ILogger logger) => CallAsync(async () =>
    {
        await call();
        return true;
    }, what, logger);
}
