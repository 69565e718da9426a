namespace Mesa.Processing.Workload;

/// <summary>Where a MESA project folder keeps the files processing reads (relative, '/'-separated).</summary>
public static class WorkloadFiles
{
    public const string Config = "config.ini";

    // MESA keeps its input tables in output/geoparquet/ too.
    public const string AssetObject = "output/geoparquet/tbl_asset_object.parquet";
    public const string AssetGroup = "output/geoparquet/tbl_asset_group.parquet";
    public const string GeocodeObject = "output/geoparquet/tbl_geocode_object.parquet";
    public const string Settings = "output/geoparquet/tbl_settings.parquet";
    public const string GeocodeGroup = "output/geoparquet/tbl_geocode_group.parquet";

    public static IReadOnlyList<string> RequiredTables { get; } = [AssetObject, AssetGroup, GeocodeObject];

    /// <summary>Every file of a project that processing may read: the rest of a project (input/, tiles, reports, earlier results) it never needs.</summary>
    public static IReadOnlyList<string> ProcessingInputs { get; } = [Config, AssetObject, AssetGroup, GeocodeObject, GeocodeGroup, Settings];

    /// <summary>The absolute path of a relative workload path inside <paramref name="folder"/>.</summary>
    public static string PathIn(string folder, string relative) =>
        Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
}
