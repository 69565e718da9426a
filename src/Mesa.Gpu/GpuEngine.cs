using Mesa.Processing.Engines;
using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Microsoft.Extensions.Logging;

namespace Mesa.Gpu;

/// <summary>
/// Intersect with its inside/outside classification on a GPU (ILGPU kernels), flatten on the cpu engine.
/// Everything the device cannot decide beyond doubt runs the cpu engine's exact code, so every output
/// file is byte for byte the cpu engine's. Without a CUDA device, or when the device fails, the stage
/// runs on the cpu engine; manifest.json names what ran.
/// </summary>
public sealed class GpuEngine(GpuAccelerator accelerator) : IProcessingEngine
{
    public const string EngineName = "gpu";

    public GpuAccelerator Accelerator => accelerator;

    public string Name => $"intersect={EngineName},flatten={CpuEngine.EngineName}";

    public IEngineRun Start(EngineStart start)
    {
        GpuDevice device;
        try
        {
            device = GpuDevice.Open(accelerator);
        }
        catch (GpuUnavailableException e)
        {
            start.Logger.LogWarning("The gpu engine has no GPU ({Reason}); intersect runs on the cpu engine", e.Message);
            return new CpuFallback(CpuEngine.Instance.Start(start), $"intersect={CpuEngine.EngineName} (gpu unavailable: {e.Message}),flatten={CpuEngine.EngineName}");
        }
        try
        {
            if (accelerator == GpuAccelerator.Cpu)
                start.Logger.LogWarning("The gpu engine runs its kernels on ILGPU's CPU accelerator, a check of the kernels far slower than the cpu engine");
            var assets = AssetIndex.Build(start.Assets, start.Threads, start.Cancellation);
            start.Logger.LogInformation("Indexed {Assets} asset objects as {Pieces} pieces", assets.Assets.Count, assets.PieceCount);
            var evaluation = new GpuCellEvaluation(device, assets, start.Threads, start.Logger);
            start.Logger.LogInformation("The gpu engine runs on {Device}: {Vertices} piece vertices in device memory", device.Description, evaluation.VertexCount);
            return new DeviceRun(device, evaluation, new IntersectStage(evaluation), new FlattenAccumulator(start.SliverMinAreaM2), start.Logger);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    private sealed class CpuFallback(IEngineRun cpu, string ran) : IEngineRun
    {
        public IIntersectEngine Intersect => cpu.Intersect;

        public IFlattenEngine Flatten => cpu.Flatten;

        public string? Ran => ran;

        public void Dispose() => cpu.Dispose();
    }

    private sealed class DeviceRun(GpuDevice device, GpuCellEvaluation evaluation, IntersectStage stage, IFlattenEngine flatten, ILogger logger)
        : IEngineRun, IIntersectEngine
    {
        public IIntersectEngine Intersect => this;

        public IFlattenEngine Flatten => flatten;

        public string? Ran => evaluation.Failure is null
            ? $"intersect={EngineName} ({device.Description}),flatten={CpuEngine.EngineName}"
            : $"intersect={EngineName} ({device.Description}) then {CpuEngine.EngineName} after a device failure,flatten={CpuEngine.EngineName}";

        public IntersectSummary Run(WorkloadTables tables, Action<CellOverlaps> onCell, IProgress<StageProgress>? progress, CancellationToken cancellation)
        {
            var summary = stage.Run(tables, onCell, progress, cancellation);
            // bench/gpu.sh reads these figures from the job's log.
            logger.LogInformation("GPU intersect on {Device}: kernel {KernelSeconds:F3} s, transfers {TransferSeconds:F3} s, {Pairs} pairs classified, {BoundaryPairs} left to the exact rule",
                device.Description, evaluation.KernelTime.TotalSeconds, evaluation.TransferTime.TotalSeconds, evaluation.Pairs, evaluation.BoundaryPairs);
            return summary;
        }

        public void Dispose()
        {
            try
            {
                evaluation.Dispose();
                device.Dispose();
            }
            catch (Exception e) when (evaluation.Failure is not null)
            {
                // A device that failed may fail again while its memory is released; the outputs are complete by now.
                logger.LogWarning("Releasing the failed GPU ({Device}) failed too: {Reason}", device.Description, e.Message);
            }
        }
    }
}
