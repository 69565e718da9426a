using Mesa.GeoParquet.Writing;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tables;

namespace Mesa.Processing.Intersect;

/// <summary>
/// Writes tbl_stacked as part files (<c>tbl_stacked/part-00000.parquet</c>, ...) of at most
/// <see cref="RowsPerPart"/> rows each, with backfill's <c>area_m2</c> already in place.
/// </summary>
public sealed class StackedTableWriter : IDisposable
{
    public const int RowsPerPart = 1_000_000;

    private static readonly TableColumn<StackedRow>[] Columns =
    [
        TableColumn<StackedRow>.Text("code", r => r.Cell.Code),
        TableColumn<StackedRow>.Int64("ref_geocodegroup", r => r.Cell.RefGeocodeGroup),
        TableColumn<StackedRow>.Text("name_gis_geocodegroup", r => r.Cell.NameGisGeocodeGroup),
        TableColumn<StackedRow>.Wkb("geometry", r => r.Cell.Wkb),
        TableColumn<StackedRow>.Int64("grid_cell", r => r.Cell.Partition),
        TableColumn<StackedRow>.Int64("id_x", r => r.Asset.Asset.Id),
        TableColumn<StackedRow>.Text("asset_group_name", r => r.Asset.Asset.AssetGroupName),
        TableColumn<StackedRow>.Text("attributes", r => r.Asset.Asset.Attributes),
        TableColumn<StackedRow>.Int64("ref_asset_group", r => r.Asset.Asset.RefAssetGroup),
        TableColumn<StackedRow>.Int64("id_y", r => r.Asset.Group?.Id),
        TableColumn<StackedRow>.Text("name_gis_assetgroup", r => r.Asset.Group?.NameGisAssetGroup),
        TableColumn<StackedRow>.Int64("total_asset_objects", r => r.Asset.Group?.TotalAssetObjects),
        TableColumn<StackedRow>.Int64("importance", r => r.Asset.Group?.Importance),
        TableColumn<StackedRow>.Int64("susceptibility", r => r.Asset.Group?.Susceptibility),
        TableColumn<StackedRow>.Int64("sensitivity", r => r.Asset.Group?.Sensitivity),
        TableColumn<StackedRow>.Text("sensitivity_code", r => r.Asset.Group?.SensitivityCode),
        TableColumn<StackedRow>.Text("sensitivity_description", r => r.Asset.Group?.SensitivityDescription),
        TableColumn<StackedRow>.Int64("area_m2", r => r.AreaM2),
    ];

    private readonly string _folder;
    private readonly ParquetWriterOptions? _options;
    private readonly int _threads;
    private TableWriter<StackedRow>? _part;
    private int _parts;

    /// <param name="outputFolder">The job's output folder; parts go to <see cref="OutputFiles.StackedFolder"/> inside it, replacing any there.</param>
    /// <param name="options">How the parts are written.</param>
    /// <param name="threads">Cores a row group's columns are built on.</param>
    public StackedTableWriter(string outputFolder, ParquetWriterOptions? options = null, int threads = 1)
    {
        _folder = OutputFiles.PathIn(outputFolder, OutputFiles.StackedFolder);
        _options = options;
        _threads = threads;
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        Directory.CreateDirectory(_folder);
    }

    public long RowCount { get; private set; }

    /// <summary>Writes the cell's rows, one per overlapping asset, each carrying <paramref name="areaM2"/>.</summary>
    public void Add(CellOverlaps cell, long? areaM2)
    {
        if (cell.Assets.Count == 0) return;
        var stackedCell = new StackedCell(cell.Cell.Code, cell.Cell.RefGeocodeGroup, cell.Cell.NameGisGeocodeGroup, cell.Wkb, cell.Partition);
        for (var i = 0; i < cell.Assets.Count; i++)
        {
            if (_part is null || _part.RowCount >= RowsPerPart) NextPart();
            _part!.Add(new StackedRow(stackedCell, cell.Assets[i], areaM2));
            RowCount++;
        }
    }

    public void Dispose()
    {
        // Readers glob the folder: with no rows at all, one empty part still carries the schema.
        if (_part is null) NextPart();
        _part!.Dispose();
    }

    private void NextPart()
    {
        _part?.Dispose();
        _part = new TableWriter<StackedRow>(Path.Combine(_folder, $"part-{_parts++:D5}.parquet"), Columns, _options, _threads);
    }

    // What the rows take from their cell: rows wait here for their row group, and holding the whole evaluated cell
    // would keep its geometry alive until then.
    private sealed record StackedCell(string Code, long RefGeocodeGroup, string NameGisGeocodeGroup, byte[]? Wkb, long Partition);

    private readonly record struct StackedRow(StackedCell Cell, StackedAsset Asset, long? AreaM2);
}
