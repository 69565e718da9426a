using Mesa.GeoParquet.Writing;
using Mesa.Processing.Engines;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.GeoParquet.Geo;
using NetTopologySuite.IO;

namespace Mesa.Processing.Flatten;

/// <summary>
/// Stage "flatten" (spec section 5): takes the flatten engine's tbl_flat rows (index_owa over
/// all codes, then slivers dropped) and writes tbl_flat.parquet, taking each row's geometry from
/// its first cell in a second streaming read of tbl_geocode_object's geometry column. Also totals area_stats.json
/// for the basic mosaic.
/// </summary>
public static class FlattenStage
{
    public const string Name = "flatten";

    /// <returns>The rows written and the number of sliver cells dropped.</returns>
    public static (long Rows, long Slivers) Run(
        IFlattenEngine engine, WorkloadTables tables, MesaConfig config, string outputFolder,
        IProgress<StageProgress>? progress, CancellationToken cancellation, ParquetWriterOptions? options = null, int threads = 1)
    {
        var cells = engine.Finish(FlatBands.Of(config));
        var slivers = engine.CodeCount - cells.Count;
        var basicGroup = config.GetDefault("basic_group_name") ?? "basic_mosaic";
        var areaStatistics = new AreaStatistics(basicGroup);
        var wkbReader = new WKBReader { HandleSRID = false };
        using (var writer = new FlatTableWriter(OutputFiles.PathIn(outputFolder, OutputFiles.Flat), options, threads))
        {
            long cellIndex = 0;
            var next = 0;
            // Only the first cell of each code is needed, so geometries are decoded only for area_stats.
            foreach (var batch in tables.ReadGeocodeWkb())
            {
                if (next == cells.Count) break;
                cancellation.ThrowIfCancellationRequested();
                for (var row = 0; row < batch.Length; row++, cellIndex++)
                {
                    if (next == cells.Count || cells[next].Row.CellIndex != cellIndex) continue;
                    var flat = cells[next++];
                    // A first cell overlapped something, so its geometry is not null.
                    var wkb = batch.GetBytes(row).ToArray();
                    writer.Add(flat, wkb);
                    if (areaStatistics.Counts(flat.Row.NameGisGeocodeGroup)) areaStatistics.Add(flat.Row.Sensitivity.CodeMax, GeoParquetFile.ReadGeometry(batch, row, wkbReader), wkb);
                }
                progress?.Report(new StageProgress(Name, (double)next / Math.Max(1, cells.Count), $"{next:N0} of {cells.Count:N0} tbl_flat rows written"));
            }
        }
        areaStatistics.Write(OutputFiles.PathIn(outputFolder, OutputFiles.AreaStats));
        return (cells.Count, slivers);
    }
}
