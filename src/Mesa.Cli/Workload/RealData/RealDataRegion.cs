using NetTopologySuite.Geometries;

namespace Mesa.Cli.Workload.RealData;

/// <summary>A named lon/lat box that the real-data workloads are clipped to.</summary>
internal sealed record RealDataRegion(string Name, Envelope Box, string Description)
{
    /// <summary>
    /// Southern Norway and western Sweden: fjords and skerries give the longest, most crowded coastlines in the sources.
    /// The Aegean: hundreds of islands between two countries' maritime zones.
    /// </summary>
    public static readonly IReadOnlyList<RealDataRegion> All =
    [
        new("norway", new Envelope(4.0, 13.0, 57.5, 63.5), "southern Norway and western Sweden"),
        new("aegean", new Envelope(22.5, 28.5, 35.5, 40.5), "the Aegean Sea, Greece and western Turkey"),
    ];

    public static RealDataRegion? Named(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
