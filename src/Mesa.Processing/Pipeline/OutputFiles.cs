namespace Mesa.Processing.Pipeline;

/// <summary>Where a finished job's files go, relative to the output folder (spec section 9; '/'-separated).</summary>
public static class OutputFiles
{
    public const string StackedFolder = "output/geoparquet/tbl_stacked";
    public const string Flat = "output/geoparquet/tbl_flat.parquet";
    public const string DataExtent = "output/geoparquet/tbl_data_extent.parquet";
    public const string SegmentationFolder = "output/geoparquet/tbl_segmentation";
    public const string SegmentationProfiles = "output/geoparquet/tbl_segmentation_profiles.parquet";
    public const string MbtilesFolder = "output/mbtiles";
    public const string AreaStats = "output/area_stats.json";
    public const string Manifest = "manifest.json";

    /// <summary>The absolute path of a relative output path inside <paramref name="folder"/>.</summary>
    public static string PathIn(string folder, string relative) =>
        Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
}
