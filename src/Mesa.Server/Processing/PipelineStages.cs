using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;
using Mesa.Processing.Prep;
using Mesa.Processing.Segment;
using Mesa.Tiles;

namespace Mesa.Server.Processing;

/// <summary>The stages a job runs, in order: the core stages of the pipeline, then the output stages (tiles).</summary>
public static class PipelineStages
{
    public static IReadOnlyList<string> Core { get; } = [DataExtentStage.Name, IntersectStage.Name, FlattenStage.Name, SegmentStage.Name];

    public static IReadOnlyList<string> All { get; } = [.. Core, TilesStage.StageName];
}
