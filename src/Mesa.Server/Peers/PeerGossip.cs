namespace Mesa.Server.Peers;

/// <summary>
/// Keeps one <see cref="IServerPeerGrain"/> active per peer of the seed in force: at start, after an import and once
/// an interval, so a grain whose silo died, or a peer a new seed added, is running again within an interval.
/// </summary>
public sealed partial class PeerGossip(PeerStore store, LocalStatus local, IGrainFactory grains, Microsoft.Extensions.Options.IOptions<Configuration.MesaOptions> options,
    ILogger<PeerGossip> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Peers.IntervalSeconds));
        do
        {
            await EnsureRunningAsync();
        }
        while (await ticks.WaitForNextTickAsync(stoppingToken));
    }

    public async Task EnsureRunningAsync()
    {
        try
        {
            if (store.CurrentSeed()?.Seed() is not { } seed) return;
            var own = local.RootFingerprint;
            foreach (var peer in seed.Peers.Where(p => p.RootFingerprint != own))
                await grains.GetGrain<IServerPeerGrain>(peer.RootFingerprint).EnsureRunningAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or System.Data.Common.DbException)
        {
            LogNotStarted(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Peer gossip not (re)started this interval: {Problem}")]
    private partial void LogNotStarted(string problem);
}
