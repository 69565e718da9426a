using Mesa.Server.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Cluster;

/// <summary>Keeps this node's membership row: registered once the server listens, a heartbeat every few seconds, marked stopped on shutdown.</summary>
public sealed class NodeHeartbeat(LocalNode node, NodeRepository nodes, IServer server, IHostApplicationLifetime lifetime, IOptions<MesaOptions> options,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WhenStartedAsync(stoppingToken);
        if (stoppingToken.IsCancellationRequested) return;
        node.Address = string.Join(", ", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);
        nodes.Register(node);
        node.MarkJoined();
        logger.LogInformation("Node {NodeId} (version {Version}, {Cores} cores, GPU {Gpu}) joined at {Address}", node.Id, node.Version, node.Cores, node.Gpu, node.Address);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Cluster.HeartbeatSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    nodes.Heartbeat(node.Id);
                }
                catch (System.Data.Common.DbException e)
                {
                    logger.LogWarning("Heartbeat of node {NodeId} failed: {Problem}", node.Id, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        nodes.MarkStopped(node.Id);
        logger.LogInformation("Node {NodeId} left the cluster", node.Id);
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetResult());
        return started.Task;
    }
}
