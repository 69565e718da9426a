using System.Globalization;

namespace Mesa.Server.Operations;

/// <summary>
/// How busy each GPU is, as nvidia-smi samples it: compute utilisation (0-1) and memory in use. Read at most every
/// few seconds however often the metrics are scraped, since each reading starts a process.
/// </summary>
public sealed class GpuLoad(TimeProvider clock)
{
    public sealed record Reading(string Index, string Name, double Utilization, long MemoryUsedBytes);

    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private IReadOnlyList<Reading> _last = [];
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public IReadOnlyList<Reading> Current()
    {
        lock (_lock)
        {
            if (clock.GetUtcNow() - _readAt < Fresh) return _last;
            _readAt = clock.GetUtcNow();
            var (output, _) = NvidiaSmi.Run("--query-gpu=index,name,utilization.gpu,memory.used --format=csv,noheader,nounits");
            return _last = output is null ? [] : Parse(output);
        }
    }

    /// <summary>Lines such as <c>0, NVIDIA H100 80GB HBM3, 37, 1024</c>: percent and MiB; a field nvidia-smi cannot read ("[N/A]") drops the line.</summary>
    public static IReadOnlyList<Reading> Parse(string output)
    {
        var readings = new List<Reading>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length == 4
                && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
                && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var mebibytes))
                readings.Add(new Reading(parts[0], parts[1], percent / 100, mebibytes << 20));
        }
        return readings;
    }
}
