using Mesa.GeoParquet.Writing;
using Mesa.Processing.Tables;

namespace Mesa.Processing.Flatten;

/// <summary>Writes tbl_flat.parquet: exactly the 27 columns of spec section 5, in that order.</summary>
/// <param name="threads">Cores a row group's columns are built on.</param>
public sealed class FlatTableWriter(string path, ParquetWriterOptions? options = null, int threads = 1) : IDisposable
{
    private static readonly TableColumn<(FlatCell Cell, byte[] Wkb)>[] Columns =
    [
        Int64("ref_geocodegroup", c => c.Row.RefGeocodeGroup),
        Text("name_gis_geocodegroup", c => c.Row.NameGisGeocodeGroup),
        Text("code", c => c.Row.Code),
        .. Banded("importance", c => c.Row.Importance),
        .. Banded("sensitivity", c => c.Row.Sensitivity),
        .. Banded("susceptibility", c => c.Row.Susceptibility),
        Text("asset_group_names", c => c.Row.AssetGroupNames),
        Int64("asset_groups_total", c => c.Row.AssetGroupsTotal),
        Int64("area_m2", c => c.AreaM2),
        Int64("assets_overlap_total", c => c.Row.AssetsOverlapTotal),
        Int64("index_owa", c => c.IndexOwa),
        TableColumn<(FlatCell Cell, byte[] Wkb)>.Wkb("geometry", r => r.Wkb),
    ];

    private readonly TableWriter<(FlatCell Cell, byte[] Wkb)> _writer = new(path, Columns, options, threads);

    public void Add(FlatCell cell, byte[] wkb) => _writer.Add((cell, wkb));

    public void Dispose() => _writer.Dispose();

    // <base>_min, _max, _code_min, _description_min, _code_max, _description_max.
    private static IEnumerable<TableColumn<(FlatCell Cell, byte[] Wkb)>> Banded(string name, Func<FlatCell, BandedExtremes> extremes) =>
    [
        Int64($"{name}_min", c => extremes(c).Min),
        Int64($"{name}_max", c => extremes(c).Max),
        Text($"{name}_code_min", c => extremes(c).CodeMin),
        Text($"{name}_description_min", c => extremes(c).DescriptionMin),
        Text($"{name}_code_max", c => extremes(c).CodeMax),
        Text($"{name}_description_max", c => extremes(c).DescriptionMax),
    ];

    private static TableColumn<(FlatCell Cell, byte[] Wkb)> Int64(string name, Func<FlatCell, long?> value) =>
        TableColumn<(FlatCell Cell, byte[] Wkb)>.Int64(name, r => value(r.Cell));

    private static TableColumn<(FlatCell Cell, byte[] Wkb)> Text(string name, Func<FlatCell, string?> value) =>
        TableColumn<(FlatCell Cell, byte[] Wkb)>.Text(name, r => value(r.Cell));
}
