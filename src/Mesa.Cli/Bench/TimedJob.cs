using System.Diagnostics;
using Mesa.Cli.Client;

namespace Mesa.Cli.Bench;

/// <summary>
/// One job through a running server, timed from outside: the workload zip is uploaded, then the clock starts with the
/// complete-upload request (a small job can end before its reply) and the job is polled every 20 ms until it ends.
/// </summary>
internal sealed record TimedJob(string JobId, string State, double ToRunningSeconds, double ToEndSeconds)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<TimedJob> RunAsync(ServerClient api, string zip, string name, CancellationToken cancellation)
    {
        var (jobId, uploadUrl) = await ServerBenchCommand.CreateJobAsync(api, name, cancellation);
        await api.PutFileAsync(uploadUrl, zip, cancellation);
        var clock = Stopwatch.StartNew();
        await api.PostAsync($"/jobs/{jobId}/complete-upload", null, cancellation);
        double? toRunning = null;
        while (clock.Elapsed < Timeout)
        {
            var state = (await api.GetAsync($"/jobs/{jobId}", cancellation)).GetProperty("state").GetString()!;
            // A job short enough to end between two polls counts as running when first seen ended.
            if (state != "queued") toRunning ??= clock.Elapsed.TotalSeconds;
            if (toRunning is { } running && state is "finished" or "failed" or "cancelled")
                return new TimedJob(jobId, state, running, clock.Elapsed.TotalSeconds);
            await Task.Delay(Poll, cancellation);
        }
        throw new ClientException($"job {jobId} did not end within {Timeout.TotalMinutes} minutes.");
    }
}
