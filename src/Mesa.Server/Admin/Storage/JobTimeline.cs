namespace Mesa.Server.Admin.Storage;

/// <summary>When a job entered the queue, when its last run started and when it last changed (its end, once ended).</summary>
public sealed record JobTimeline
{
    public required string Id { get; init; }
    public required string State { get; init; }
    public long? QueuedMs { get; init; }
    public long? StartedMs { get; init; }
    public long UpdatedMs { get; init; }
}
