using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;

namespace Mesa.Processing.Engines;

/// <summary>
/// Where stage "flatten" (spec section 5) is computed. The pipeline writes tbl_flat, area_stats.json,
/// backfill and the segmentation profiles from what it answers, so every engine produces the same files.
/// </summary>
public interface IFlattenEngine
{
    /// <summary>Codes seen so far in overlapped cells (tbl_flat rows before slivers are dropped).</summary>
    int CodeCount { get; }

    /// <summary>Sees every cell the intersect engine hands on, in tbl_geocode_object order.</summary>
    void Add(CellOverlaps cell);

    /// <summary>Backfill (spec section 6): the code's tbl_flat area, null when the cell is a sliver or has no tbl_flat row.</summary>
    long? BackfillArea(string code);

    /// <summary>
    /// The tbl_flat rows, slivers left out, ordered by their first row's cell; called once, after intersect.
    /// </summary>
    List<FlatCell> Finish(FlatBands bands);
}
