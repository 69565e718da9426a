using Dapper;
using Mesa.Server.Configuration;
using Mesa.Server.Processing;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Cluster;

/// <summary>
/// The Queue actor of a PostgreSQL cluster. Every job-running node runs one; exactly one of them dispatches: the one
/// whose dedicated session holds the dispatcher advisory lock (the others wait in <c>pg_advisory_lock</c>, so
/// PostgreSQL hands the lock over the moment the holder's session ends, crash included). The dispatcher requeues
/// jobs whose lease expired and places queued jobs on healthy idle nodes whose capabilities fit.
/// </summary>
public sealed class ClusterDispatcher(StateDatabase database, JobRepository jobs, NodeRepository nodes, JobSignals signals, LocalNode node,
    IOptions<MesaOptions> options, ILogger<ClusterDispatcher> logger) : BackgroundService
{
    // 1296388929 is "MESA" in ASCII. Scoped to the schema, so stores sharing one database in different schemas each get a dispatcher.
    private const string LockKey = "1296388929, hashtext(current_schema())";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Cluster;
        var interval = TimeSpan.FromSeconds(settings.HeartbeatSeconds);
        try
        {
            await node.Joined.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = await database.Store.OpenDedicatedAsync(stoppingToken);
                await session.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_lock({LockKey})", commandTimeout: 0, cancellationToken: stoppingToken));
                nodes.MarkDispatcher(node.Id);
                logger.LogInformation("Node {NodeId} is the dispatcher", node.Id);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // The lock lives as long as this session: prove it is still there before acting as dispatcher.
                    await session.ExecuteAsync(new CommandDefinition("SELECT 1", cancellationToken: stoppingToken));
                    Dispatch((long)(settings.NodeTimeoutSeconds * 1000));
                    await signals.WaitForQueuedAsync(interval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or IOException or TimeoutException)
            {
                logger.LogWarning("Dispatcher session of node {NodeId} ended: {Problem}; trying again", node.Id, e.Message);
                try
                {
                    await Task.Delay(interval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Dispatch(long nodeTimeoutMs)
    {
        foreach (var (jobId, nodeId) in jobs.RequeueExpiredLeases())
        {
            // Its heartbeat may still look fresh: a node that stopped renewing gets nothing more until it heartbeats again.
            nodes.MarkStopped(nodeId);
            logger.LogWarning("Job {JobId}: the lease of node {NodeId} expired; requeued, and the node taken out until it answers again", jobId, nodeId);
        }
        foreach (var idle in nodes.Idle(database.NowMs() - nodeTimeoutMs))
        {
            var leaseUntil = database.NowMs() + (long)(options.Value.Cluster.LeaseSeconds * 1000);
            if (jobs.TakeNext(idle.Id, idle.Gpu, leaseUntil) is { } job)
                logger.LogInformation("Job {JobId} placed on node {NodeId} (run {Run})", job.Id, idle.Id, job.Runs);
        }
    }
}
