using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Tiles.Layers;
using Mesa.Tiles.Mbtiles;
using Mesa.Tiles.Rendering;
using Mesa.Tiles.Source;

namespace Mesa.Tiles;

/// <summary>
/// Stage "tiles" (spec section 8): from output/geoparquet/tbl_flat.parquet (and tbl_segmentation/
/// when present), the raster MBTiles of every geocode group in output/mbtiles/. The folder is
/// replaced, so no file of an earlier run stays beside the new ones.
/// </summary>
/// <param name="zooms">The zoom levels; null takes config.ini's tiles_minzoom..tiles_maxzoom.</param>
public sealed class TilesStage(ZoomRange? zooms = null) : IOutputStage
{
    public const string StageName = "tiles";

    public string Name => StageName;

    public void Run(string outputFolder, MesaConfig config, int threads, IProgress<StageProgress>? progress, CancellationToken cancellation) =>
        Write(outputFolder, config, threads, progress, cancellation);

    /// <returns>The files written, as paths relative to <paramref name="outputFolder"/>.</returns>
    public IReadOnlyList<string> Write(string outputFolder, MesaConfig config, int threads, IProgress<StageProgress>? progress = null, CancellationToken cancellation = default)
    {
        var range = zooms ?? new ZoomRange(config.GetDefaultInt32("tiles_minzoom"), config.GetDefaultInt32("tiles_maxzoom"));
        progress?.Report(new StageProgress(StageName, 0, "reading tbl_flat"));
        var signatures = SegmentationSignatures.Read(OutputFiles.PathIn(outputFolder, OutputFiles.SegmentationFolder));
        var groups = FlatTableSource.Read(OutputFiles.PathIn(outputFolder, OutputFiles.Flat), signatures, Math.Max(1, threads), cancellation);
        var folder = OutputFiles.PathIn(outputFolder, OutputFiles.MbtilesFolder);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var steps = Math.Max(1, groups.Count * (range.Max - range.Min + 1));
        var done = 0;
        var prefixes = FilePrefix.Distinct(groups.Select(g => g.Name));
        foreach (var (group, prefix) in groups.Zip(prefixes))
        {
            var layers = Task.Run(() => GroupLayers.Build(group, config, Math.Max(1, threads)), cancellation);
            var paths = GroupTileWriter.Write(group, layers, folder, range, Math.Max(1, threads),
                zoom => progress?.Report(new StageProgress(StageName, ++done / (double)steps, $"{group.Name} zoom {zoom}")), cancellation, prefix);
            written.AddRange(paths.Select(p => $"{OutputFiles.MbtilesFolder}/{Path.GetFileName(p)}"));
        }
        return written;
    }
}
