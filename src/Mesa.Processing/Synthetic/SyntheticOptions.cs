namespace Mesa.Processing.Synthetic;

/// <summary>What <see cref="SyntheticWorkload.Generate"/> should produce.</summary>
/// <param name="TargetBytes">
/// Roughly the total size of the Parquet tables: the hexagon cells are written first and asset polygons are added
/// until their estimated compressed size fills the rest (never fewer than <see cref="SyntheticWorkload.MinObjects"/>).
/// </param>
/// <param name="Seed">Seed of the one <see cref="Random"/> everything is drawn from; the same seed writes the same bytes.</param>
/// <param name="Cells">About how many hexagons the geocode layer gets; the cell size is chosen to cover the region with this many.</param>
public sealed record SyntheticOptions(long TargetBytes, int Seed, long Cells)
{
    /// <summary>The default cell count for a target size: about a million hexagons per 100 MB.</summary>
    public static long DefaultCells(long targetBytes) => Math.Max(100, targetBytes / 100);
}
