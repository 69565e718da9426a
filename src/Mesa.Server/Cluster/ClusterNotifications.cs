using Dapper;
using Mesa.Server.Processing;
using Mesa.Server.Storage;
using Npgsql;

namespace Mesa.Server.Cluster;

/// <summary>
/// Turns the store's notifications (channel <c>mesa_cluster</c>, sent by triggers in sql/postgres/002_cluster.sql)
/// into this node's wake-ups: "queue changed" for the dispatcher, "a job was placed on you" for the worker.
/// </summary>
public sealed class ClusterNotifications(StateDatabase database, JobSignals signals, LocalNode node, ILogger<ClusterNotifications> logger) : BackgroundService
{
    public const string Channel = "mesa_cluster";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = await database.Store.OpenDedicatedAsync(stoppingToken);
                var schema = await session.ExecuteScalarAsync<string>("SELECT current_schema()");
                session.Notification += (_, e) => Deliver(schema!, e.Payload);
                await session.ExecuteAsync($"LISTEN {Channel}");
                // Whatever happened while not listening: let both sides look once.
                signals.JobQueued();
                signals.JobAssigned();
                while (true) await session.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Listening for cluster notifications failed: {Problem}; reconnecting", e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Deliver(string schema, string payload)
    {
        var parts = payload.Split(' ');
        if (parts[0] != schema) return;
        switch (parts)
        {
            case [_, "queue"]:
                signals.JobQueued();
                break;
            case [_, "assigned", var nodeId] when nodeId == node.Id:
                signals.JobAssigned();
                break;
        }
    }
}
