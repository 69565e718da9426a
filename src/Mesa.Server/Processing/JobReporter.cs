using System.Threading.Channels;
using Mesa.Server.Grains;

namespace Mesa.Server.Processing;

/// <summary>
/// Carries a run's log lines, progress and checkpoints to its <see cref="IJobGrain"/> in the order they happened, from
/// one sender task: the pipeline's threads only enqueue, so they never wait on the cluster.
/// </summary>
public sealed class JobReporter : IAsyncDisposable
{
    private readonly Channel<Func<IJobGrain, Task>> _messages = Channel.CreateUnbounded<Func<IJobGrain, Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IJobGrain _job;
    private readonly ILogger _logger;
    private readonly Task _sender;

    public JobReporter(IJobGrain job, ILogger logger)
    {
        _job = job;
        _logger = logger;
        _sender = Task.Run(SendAsync);
    }

    public void Post(Func<IJobGrain, Task> message) => _messages.Writer.TryWrite(message);

    /// <summary>Completes once everything posted so far has reached the grain.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(_ =>
        {
            done.TrySetResult();
            return Task.CompletedTask;
        });
        return done.Task;
    }

    private async Task SendAsync()
    {
        await foreach (var message in _messages.Reader.ReadAllAsync())
        {
            try
            {
                await ClusterRetry.CallAsync(() => message(_job), $"Reporting to job {_job.GetPrimaryKeyString()}", _logger);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // Unreachable for minutes: the run goes on, its outcome is decided by conditional transitions.
                _logger.LogError("Reporting to job {JobId} failed for good: {Problem}", _job.GetPrimaryKeyString(), e.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _messages.Writer.TryComplete();
        await _sender;
    }
}
