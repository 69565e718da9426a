using Dapper;
using Mesa.Server.Storage;

namespace Mesa.Server.Cluster;

/// <summary>The membership table: nodes register, heartbeat, leave; the dispatcher records itself and finds idle nodes.</summary>
public sealed class NodeRepository(StateDatabase database)
{
    public void Register(LocalNode node)
    {
        using var connection = database.Open();
        var now = database.NowMs();
        connection.Execute(
            "INSERT INTO nodes (id, address, version, cores, memory_bytes, gpu, accepts_jobs, started_ms, heartbeat_ms) " +
            "VALUES (@Id, @Address, @Version, @Cores, @MemoryBytes, @Gpu, @AcceptsJobs, @now, @now)",
            new { node.Id, node.Address, node.Version, node.Cores, node.MemoryBytes, node.Gpu, node.AcceptsJobs, now });
    }

    /// <summary>Records the node alive; this also brings back a node that was taken out for losing a lease (it only stalled).</summary>
    public void Heartbeat(string nodeId)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE nodes SET heartbeat_ms = @now, stopped_ms = NULL WHERE id = @nodeId", new { nodeId, now = database.NowMs() });
    }

    /// <summary>The node left, or (from the dispatcher) lost a job lease: nothing is placed on it until it heartbeats again.</summary>
    public void MarkStopped(string nodeId)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE nodes SET stopped_ms = @now, dispatcher_since_ms = NULL WHERE id = @nodeId", new { nodeId, now = database.NowMs() });
    }

    /// <summary>Records <paramref name="nodeId"/> as the dispatcher (the lock, not this row, is what guarantees there is one).</summary>
    public void MarkDispatcher(string nodeId)
    {
        using var connection = database.Open();
        connection.Execute("UPDATE nodes SET dispatcher_since_ms = CASE WHEN id = @nodeId THEN @now ELSE NULL END",
            new { nodeId, now = database.NowMs() });
    }

    /// <summary>Healthy nodes (heartbeat since <paramref name="aliveSinceMs"/>, not stopped) that take jobs and have none running:
    /// workers before the dispatcher (it has the queue to mind), then oldest member first.</summary>
    public IReadOnlyList<NodeRecord> Idle(long aliveSinceMs)
    {
        using var connection = database.Open();
        return connection.Query<NodeRecord>(
            $"SELECT {NodeRecord.Columns} FROM nodes n WHERE accepts_jobs AND stopped_ms IS NULL AND heartbeat_ms >= @aliveSinceMs " +
            "AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.node_id = n.id AND j.state = @running) ORDER BY dispatcher_since_ms IS NOT NULL, started_ms, id",
            new { aliveSinceMs, running = Storage.JobState.Running }).ToList();
    }

    /// <summary>Every node seen within <paramref name="sinceMs"/> (stopped or silent ones included, for the cluster view), newest first.</summary>
    public IReadOnlyList<NodeRecord> Recent(long sinceMs)
    {
        using var connection = database.Open();
        return connection.Query<NodeRecord>($"SELECT {NodeRecord.Columns} FROM nodes WHERE heartbeat_ms >= @sinceMs ORDER BY started_ms DESC, id",
            new { sinceMs }).ToList();
    }

    /// <summary>Which job each node is running now.</summary>
    public IReadOnlyDictionary<string, string> RunningJobs()
    {
        using var connection = database.Open();
        return connection.Query<(string NodeId, string JobId)>("SELECT node_id, id FROM jobs WHERE state = @running AND node_id IS NOT NULL",
            new { running = Storage.JobState.Running }).ToDictionary(r => r.NodeId, r => r.JobId);
    }
}
