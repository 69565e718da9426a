using Mesa.Processing.Grids;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Import;

/// <summary>
/// Builds a MESA workload from a sample package (a folder with one GeoPackage and its settings.xlsx) as MESA's
/// import would, with a generated grid of cells as the geocode layer: config.ini with the defaults,
/// tbl_asset_group, tbl_asset_object and tbl_geocode_object.
/// </summary>
public static class SampleWorkload
{
    public const string SettingsFile = "settings.xlsx";

    /// <summary>Margin around the assets' extent, as a share of its larger side, so edge assets sit inside whole cells.</summary>
    private const double ExtentPadding = 0.01;

    /// <exception cref="ImportException">The folder, its GeoPackage or settings.xlsx is missing or unreadable, or the assets' extent cannot be gridded.</exception>
    public static SampleImportSummary Build(string sampleFolder, ICellGrid grid, string projectFolder)
    {
        var assets = AssetImporter.Import(FindGeoPackage(sampleFolder), Path.Combine(sampleFolder, SettingsFile));
        if (assets.Objects.Count == 0)
            throw new ImportException($"{sampleFolder}: the GeoPackage has no features with a usable geometry ({assets.SkippedFeatures} skipped).");

        var writer = new WorkloadWriter(projectFolder);
        writer.WriteConfig(DefaultConfig.Text);
        writer.WriteAssetGroups(assets.Groups, assets.GroupEnvelopes);
        writer.WriteAssetObjects(assets.Objects);
        var cells = writer.WriteGeocodeObjects(Cells(sampleFolder, grid, assets.Extent));
        return new SampleImportSummary(assets.Groups.Count, assets.Objects.Count, assets.BufferedPointsAndLines, assets.SkippedFeatures, cells, grid.DefaultGroupName);
    }

    private static IEnumerable<GeocodeObject> Cells(string sampleFolder, ICellGrid grid, Envelope extent)
    {
        var padded = extent.Copy();
        padded.ExpandBy(ExtentPadding * Math.Max(extent.Width, extent.Height));
        // Keep the padded box on the globe: the grids refuse extents beyond +-180 / +-90.
        padded = padded.Intersection(new Envelope(-180, 180, -90, 90));
        try
        {
            return grid.Cover(padded, grid.DefaultGroupName, refGeocodeGroup: 1);
        }
        catch (ArgumentException e)
        {
            throw new ImportException($"{sampleFolder}: cannot lay {grid.DefaultGroupName} cells over the assets' extent {extent}: {e.Message}", e);
        }
    }

    private static string FindGeoPackage(string sampleFolder)
    {
        if (!Directory.Exists(sampleFolder))
            throw new ImportException($"{sampleFolder}: sample folder not found.");
        var found = Directory.GetFiles(sampleFolder, "*.gpkg");
        return found.Length switch
        {
            1 => found[0],
            0 => throw new ImportException($"{sampleFolder}: no .gpkg file in the sample folder."),
            _ => throw new ImportException($"{sampleFolder}: {found.Length} .gpkg files; a sample package has exactly one."),
        };
    }
}
