using Mesa.Processing.Workload;

namespace Mesa.Processing.Synthetic;

/// <summary>An asset group of a synthetic workload and how its objects are drawn.</summary>
/// <param name="Weight">Relative share of the objects.</param>
/// <param name="Hotspots">The region's hotspots (indices) its objects cluster around.</param>
internal sealed record SyntheticGroup(AssetGroup Group, double Weight, int[] Hotspots);
