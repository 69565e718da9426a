using Mesa.Gpu;
using Mesa.Processing.Engines;

namespace Mesa.PostGis;

/// <summary>
/// Which engine computes each stage, as the CLI's <c>--engine</c> and the server's
/// <c>Mesa:Processing:Engine</c> write it: <c>cpu</c>, <c>postgis</c>, <c>gpu</c>, or per stage
/// <c>intersect=postgis,flatten=cpu</c> (a stage left out takes its default).
/// </summary>
/// <remarks>
/// The defaults follow the measurements in docs/engine-choice.md: cpu for both stages. Flatten in
/// PostGIS reads the job's tbl_stacked in its schema, so it needs intersect in PostGIS too. The gpu
/// engine computes intersect only, so <c>gpu</c> means <c>intersect=gpu,flatten=cpu</c>.
/// </remarks>
public sealed record EngineChoice(string Intersect, string Flatten)
{
    public static EngineChoice Default { get; } = new(CpuEngine.EngineName, CpuEngine.EngineName);

    private static readonly string[] Engines = [CpuEngine.EngineName, PostGisEngine.EngineName, GpuEngine.EngineName];

    public bool NeedsPostGis => Intersect == PostGisEngine.EngineName;

    public bool NeedsGpu => Intersect == GpuEngine.EngineName;

    /// <exception cref="EngineException">The text names an unknown stage or engine, or a combination that cannot run.</exception>
    public static EngineChoice Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed == GpuEngine.EngineName) return Default with { Intersect = trimmed };
        if (Engines.Contains(trimmed)) return new EngineChoice(trimmed, trimmed);
        var choice = Default;
        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !Engines.Contains(pair[1]))
                throw new EngineException($"engine '{text}' is not one of {string.Join(", ", Engines)} or a per-stage choice such as intersect=postgis,flatten=cpu");
            choice = pair[0] switch
            {
                "intersect" => choice with { Intersect = pair[1] },
                "flatten" => choice with { Flatten = pair[1] },
                _ => throw new EngineException($"engine '{text}' names stage '{pair[0]}'; the stages with a choice of engine are intersect and flatten"),
            };
        }
        if (choice.Flatten == GpuEngine.EngineName)
            throw new EngineException($"engine '{text}': the gpu engine computes intersect only; flatten runs on cpu or postgis");
        if (choice.Flatten == PostGisEngine.EngineName && !choice.NeedsPostGis)
            throw new EngineException($"engine '{text}': flatten in PostGIS reads tbl_stacked from the job's schema, so it needs intersect=postgis too");
        return choice;
    }

    /// <param name="connectionString">Npgsql connection string; needed only when a stage runs in PostGIS.</param>
    /// <param name="configuredBy">Where the connection string is set, for the message when it is missing.</param>
    /// <param name="gpuAccelerator">Where the gpu engine's kernels run; the CPU accelerator only to check them without a GPU.</param>
    /// <exception cref="EngineException">A stage runs in PostGIS and the connection string is missing or malformed.</exception>
    public IProcessingEngine Create(string? connectionString, string configuredBy, GpuAccelerator gpuAccelerator = GpuAccelerator.Cuda)
    {
        if (NeedsGpu) return new GpuEngine(gpuAccelerator);
        if (!NeedsPostGis) return CpuEngine.Instance;
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new EngineException($"the PostGIS engine needs a connection string: set {configuredBy}");
        return new PostGisEngine(connectionString, Flatten == PostGisEngine.EngineName);
    }

    public override string ToString() => Intersect == Flatten ? Intersect : $"intersect={Intersect},flatten={Flatten}";
}
