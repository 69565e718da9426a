using Mesa.GeoParquet.Writing;
using Mesa.Processing.Engines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesa.Processing.Pipeline;

/// <summary>How to run the pipeline on one workload.</summary>
public sealed record ProcessingOptions
{
    /// <summary>Where output/... and manifest.json go; the workload folder itself when null.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>Worker threads for the parallel stages; results do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Recorded in manifest.json; null for runs outside the service.</summary>
    public string? JobId { get; init; }

    /// <summary>How output tables are written (zstd, 128k-row row groups by default).</summary>
    public ParquetWriterOptions Parquet { get; init; } = ParquetWriterOptions.Default;

    /// <summary>Stages run after segment, in order (the CLI adds tiles here).</summary>
    public IReadOnlyList<IOutputStage> OutputStages { get; init; } = [];

    /// <summary>Where intersect and flatten are computed; the output files are the same whichever it is.</summary>
    public IProcessingEngine Engine { get; init; } = CpuEngine.Instance;

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Told as each stage completes (the service records it as the job's checkpoint).</summary>
    public Action<StageTiming>? StageFinished { get; init; }
}
