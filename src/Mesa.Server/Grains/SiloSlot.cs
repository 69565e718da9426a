namespace Mesa.Server.Grains;

/// <summary>
/// One silo as its <see cref="ProcessingGrain"/> reports it to the queue every tick: where its HTTP API answers, its
/// version and capabilities, whether it takes jobs, and the job it runs now.
/// </summary>
[GenerateSerializer, Immutable, Alias("Mesa.SiloSlot")]
public sealed record SiloSlot(
    [property: Id(0)] string Silo,
    [property: Id(1)] string? Address,
    [property: Id(2)] string Version,
    [property: Id(3)] int Cores,
    [property: Id(4)] long MemoryBytes,
    [property: Id(5)] bool Gpu,
    [property: Id(6)] bool AcceptsJobs,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] string? RunningJob,
    [property: Id(9)] string? GpuModel);
