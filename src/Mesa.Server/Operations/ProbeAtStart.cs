namespace Mesa.Server.Operations;

/// <summary>Records one environment probe when the server has started; in the background, so a slow database does not hold up start-up.</summary>
public sealed class ProbeAtStart(EnvironmentProbe probe, IHostApplicationLifetime lifetime, ILogger<ProbeAtStart> logger) : IHostedService
{
    private Task _probing = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _probing = Task.Run(ProbeAsync));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _probing.WaitAsync(cancellationToken);

    private async Task ProbeAsync()
    {
        try
        {
            await probe.ProbeAsync(lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or OperationCanceledException)
        {
            logger.LogWarning("The start-up environment probe failed: {Problem}", e.Message);
        }
    }
}
