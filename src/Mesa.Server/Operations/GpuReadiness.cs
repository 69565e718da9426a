using Mesa.Gpu;
using Mesa.PostGis;
using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Operations;

/// <summary>
/// Readiness's GPU check, on a node that runs the gpu engine or offers a GPU: the smoke test (a tiny kernel with a
/// known answer) on the configured accelerator. A passing answer is kept for a minute, since each test opens a CUDA
/// context and compiles a kernel; a failing one is tried again on the next request.
/// </summary>
public sealed class GpuReadiness(LocalNode node, IOptions<MesaOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan KeepPassing = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private DateTimeOffset? _passedAt;

    /// <summary>Whether readiness checks the GPU on this node.</summary>
    public bool Configured => node.Gpu || EngineChoice.Parse(options.Value.Processing.Engine).NeedsGpu;

    /// <summary>Null when the smoke test passes, else why not.</summary>
    public string? Check()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_passedAt is { } passed && now - passed < KeepPassing) return null;
            var failure = GpuSmokeTest.Run(GpuAccelerators.Parse(options.Value.Processing.GpuAccelerator));
            _passedAt = failure is null ? now : null;
            return failure;
        }
    }
}
