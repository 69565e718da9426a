namespace Mesa.Server.Processing;

/// <summary>
/// The pipeline's logger for one job: lines go to the server log (tagged with the job id) and to the
/// job's own log, which its owner sees. The job log is capped so a flood of warnings cannot fill the store.
/// </summary>
public sealed class JobLogger(string jobId, JobReporter reporter, ILogger server, int maxLines = 1000) : ILogger
{
    private int _lines;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => server.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        using (server.BeginScope(new Dictionary<string, object> { ["JobId"] = jobId }))
            server.Log(logLevel, eventId, state, exception, formatter);
        var count = Interlocked.Increment(ref _lines);
        if (count < maxLines) Append(logLevel, formatter(state, exception));
        else if (count == maxLines) Append(LogLevel.Warning, $"Job log capped at {maxLines} lines; further lines are in the server log only.");
    }

    private void Append(LogLevel level, string message) => reporter.Post(job => job.AppendLogAsync(level.ToString(), message));
}
