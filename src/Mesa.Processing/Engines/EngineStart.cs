using Mesa.Processing.Intersect;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Microsoft.Extensions.Logging;

namespace Mesa.Processing.Engines;

/// <summary>What an engine gets to prepare one run.</summary>
/// <param name="Assets">tbl_asset_object joined with its groups, in tbl_asset_object order.</param>
/// <param name="SliverMinAreaM2">config.ini's <c>flatten_sliver_min_area_m2</c>.</param>
/// <param name="Progress">Reported under the intersect stage while the engine prepares.</param>
public sealed record EngineStart(
    MesaWorkload Workload,
    IReadOnlyList<StackedAsset> Assets,
    double SliverMinAreaM2,
    int Threads,
    ILogger Logger,
    IProgress<StageProgress>? Progress,
    CancellationToken Cancellation);
