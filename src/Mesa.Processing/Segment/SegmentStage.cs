using Mesa.GeoParquet.Writing;
using Mesa.Processing.Flatten;
using Mesa.Processing.Intersect;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tables;

namespace Mesa.Processing.Segment;

/// <summary>
/// Stage "segment" (spec section 7) for one geocode layer: a tbl_segmentation row per cell of the
/// layer that has tbl_stacked rows, as the intersect stage emits it, then the signature-zone profiles once tbl_flat's areas
/// are known.
/// </summary>
public sealed class SegmentStage : IDisposable
{
    public const string Name = "segment";

    private static readonly TableColumn<(string Code, string Group, SegmentCell Cell)>[] Columns =
    [
        TableColumn<(string Code, string Group, SegmentCell Cell)>.Text("code", r => r.Code),
        TableColumn<(string Code, string Group, SegmentCell Cell)>.Text("name_gis_geocodegroup", r => r.Group),
        TableColumn<(string Code, string Group, SegmentCell Cell)>.Text("signature", r => r.Cell.Signature),
        TableColumn<(string Code, string Group, SegmentCell Cell)>.Int64("n_assets", r => r.Cell.NAssets),
        // Clustering is MESA's later "Classification" step, not part of Process: the columns exist, empty.
        TableColumn<(string Code, string Group, SegmentCell Cell)>.Int64("cluster_id", _ => null),
        TableColumn<(string Code, string Group, SegmentCell Cell)>.Text("cluster_method", _ => null),
        TableColumn<(string Code, string Group, SegmentCell Cell)>.Double("sens_mean", r => r.Cell.SensMean),
    ];

    private static readonly TableColumn<SegmentProfile>[] ProfileColumns =
    [
        TableColumn<SegmentProfile>.Text("name_gis_geocodegroup", p => p.NameGisGeocodeGroup),
        TableColumn<SegmentProfile>.Text("method", p => p.Method),
        TableColumn<SegmentProfile>.Text("zone", p => p.Zone),
        TableColumn<SegmentProfile>.Int64("n_polygons", p => p.NPolygons),
        TableColumn<SegmentProfile>.Double("total_area_km2", p => p.TotalAreaKm2),
        TableColumn<SegmentProfile>.Double("sens_mean", p => p.SensMean),
        TableColumn<SegmentProfile>.Double("mean_n_assets", p => p.MeanNAssets),
    ];

    private readonly string _outputFolder;
    private readonly ParquetWriterOptions? _options;
    private readonly List<(string Code, SegmentCell Cell)> _cells = [];
    private TableWriter<(string Code, string Group, SegmentCell Cell)>? _writer;

    /// <param name="layer">The segmented geocode layer (name_gis_geocodegroup).</param>
    public SegmentStage(string outputFolder, string layer, ParquetWriterOptions? options = null)
    {
        _outputFolder = outputFolder;
        _options = options;
        Layer = layer;
        var folder = OutputFiles.PathIn(outputFolder, OutputFiles.SegmentationFolder);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    public string Layer { get; }

    /// <summary>Cells of the layer seen so far.</summary>
    public long CellCount => _cells.Count;

    /// <summary>Takes every evaluated cell; the layer's cells with tbl_stacked rows make rows (as in MESA, which segments tbl_stacked).</summary>
    public void Add(CellOverlaps cell)
    {
        if (cell.Assets.Count == 0 || !string.Equals(cell.Cell.NameGisGeocodeGroup, Layer, StringComparison.Ordinal)) return;
        var tally = new SegmentTally();
        for (var i = 0; i < cell.Assets.Count; i++) tally.Add(cell.Assets[i].Group?.Sensitivity, cell.Assets[i].Group?.SensitivityCode);
        var row = tally.ToCell();
        _writer ??= new TableWriter<(string Code, string Group, SegmentCell Cell)>(LayerPath(), Columns, _options);
        _writer.Add((cell.Cell.Code, Layer, row));
        _cells.Add((cell.Cell.Code, row));
    }

    /// <summary>
    /// Closes the layer's table and writes tbl_segmentation_profiles; a layer without cells writes nothing.
    /// </summary>
    /// <param name="flatAreaM2">tbl_flat's area_m2 of a code, null without a row.</param>
    public IReadOnlyList<SegmentProfile> Finish(Func<string, long?> flatAreaM2)
    {
        Dispose();
        if (_cells.Count == 0) return [];
        var profiles = new SegmentProfileBuilder();
        foreach (var (code, cell) in _cells) profiles.Add(cell, flatAreaM2(code));
        var result = profiles.Build(Layer);
        TableWriter<SegmentProfile>.WriteAll(OutputFiles.PathIn(_outputFolder, OutputFiles.SegmentationProfiles), ProfileColumns, result, _options);
        return result;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }

    // The layer name becomes a file name: keep it to one safe path segment.
    private string LayerPath()
    {
        var safe = string.Concat(Layer.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_')).Trim('.');
        return Path.Combine(OutputFiles.PathIn(_outputFolder, OutputFiles.SegmentationFolder), $"{(safe.Length == 0 ? "_" : safe)}.parquet");
    }
}
