using Mesa.Processing.Intersect;

namespace Mesa.Processing.Pipeline;

/// <summary>What a pipeline run produced: counts, per-stage timings and the manifest written.</summary>
public sealed record ProcessingReport(
    IntersectSummary Intersect,
    long FlatRows,
    long Slivers,
    double DataExtentKm2,
    string? SegmentedLayer,
    IReadOnlyList<StageTiming> Timings,
    Manifest Manifest);
