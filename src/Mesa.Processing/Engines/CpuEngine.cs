using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Microsoft.Extensions.Logging;

namespace Mesa.Processing.Engines;

/// <summary>The in-process engine: intersect on all cores over an STR-tree of asset pieces, flatten accumulated as cells stream through.</summary>
public sealed class CpuEngine : IProcessingEngine
{
    public const string EngineName = "cpu";

    public static CpuEngine Instance { get; } = new();

    private CpuEngine()
    {
    }

    public string Name => EngineName;

    public IEngineRun Start(EngineStart start)
    {
        var assets = AssetIndex.Build(start.Assets, start.Threads, start.Cancellation);
        start.Logger.LogInformation("Indexed {Assets} asset objects as {Pieces} pieces", assets.Assets.Count, assets.PieceCount);
        return new Run(new IntersectStage(assets, start.Threads), new FlattenAccumulator(start.SliverMinAreaM2));
    }

    // Intersect runs once; the asset index (every asset's pieces and outlines) is let go as soon as it has, so
    // flatten and segment, which follow while the run is still held, do not keep it in memory.
    private sealed class Run(IIntersectEngine intersect, IFlattenEngine flatten) : IEngineRun, IIntersectEngine
    {
        private IIntersectEngine? _intersect = intersect;

        public IIntersectEngine Intersect => this;

        public IFlattenEngine Flatten => flatten;

        IntersectSummary IIntersectEngine.Run(WorkloadTables tables, Action<CellOverlaps> onCell, IProgress<StageProgress>? progress, CancellationToken cancellation)
        {
            var stage = _intersect ?? throw new InvalidOperationException("Intersect has already run.");
            _intersect = null;
            return stage.Run(tables, onCell, progress, cancellation);
        }

        public void Dispose()
        {
        }
    }
}
