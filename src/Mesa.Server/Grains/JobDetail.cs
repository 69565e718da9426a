using Mesa.Server.Storage;

namespace Mesa.Server.Grains;

/// <summary>The owner's view of a job, as a status poll returns it: the row, its queue position and ETA, its checkpoints and the log tail.</summary>
[GenerateSerializer, Immutable, Alias("Mesa.JobDetail")]
public sealed record JobDetail(
    [property: Id(0)] JobRecord Job,
    [property: Id(1)] long? QueuePosition,
    [property: Id(2)] DateTimeOffset? Eta,
    [property: Id(3)] IReadOnlyList<StageRecord> Stages,
    [property: Id(4)] IReadOnlyList<JobLogLine> LogTail);
