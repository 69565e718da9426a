using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;
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

    private sealed class Run(IIntersectEngine intersect, IFlattenEngine flatten) : IEngineRun
    {
        public IIntersectEngine Intersect => intersect;

        public IFlattenEngine Flatten => flatten;

        public void Dispose()
        {
        }
    }
}
