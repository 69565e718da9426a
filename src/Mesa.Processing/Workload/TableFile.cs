using System.Text;
using Mesa.GeoParquet;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Reading;
using Mesa.GeoParquet.Schema;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Mesa.Processing.Workload;

/// <summary>
/// One workload table opened for reading: checks its columns against what processing needs and
/// turns every Parquet problem into a <see cref="WorkloadException"/> naming the file (as a
/// path inside the workload), the column and, for bad values, the row.
/// </summary>
internal sealed class TableFile : IDisposable
{
    // Coordinates packed as doubles (16 bytes a vertex) instead of one object per vertex (40 bytes and an object the GC
    // traces): the assets stay in memory for the whole of intersect, and the pieces cut from them inherit the packing.
    private static readonly NtsGeometryServices Wgs84Services = new(
        PackedCoordinateSequenceFactory.DoubleFactory,
        NtsGeometryServices.Instance.DefaultPrecisionModel,
        4326);

    private static readonly Geometry EmptyGeometry = Wgs84Services.CreateGeometryFactory().CreateGeometryCollection();

    private readonly ParquetReader _reader;
    private WkbDecoder? _decoder;

    private TableFile(ParquetReader reader, string name)
    {
        _reader = reader;
        Name = name;
    }

    /// <summary>The table's path inside the workload, e.g. output/geoparquet/tbl_asset_object.parquet.</summary>
    public string Name { get; }

    public long RowCount => _reader.NumRows;

    /// <exception cref="WorkloadException">The file is missing or is not a readable Parquet file.</exception>
    public static TableFile Open(string folder, string relative)
    {
        var path = WorkloadFiles.PathIn(folder, relative);
        if (!File.Exists(path))
            throw new WorkloadException($"{relative} is missing: the workload must contain this table.");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkloadException($"{relative}: cannot open: {e.Message}", e);
        }
        try
        {
            // Named by its workload path so that library messages name the file the user knows.
            return new TableFile(ParquetReader.Open(stream, relative), relative);
        }
        catch (ParquetFormatException e)
        {
            stream.Dispose();
            throw Unreadable(relative, e);
        }
    }

    /// <summary>Checks that a required column exists and can hold <paramref name="kind"/> values.</summary>
    public void Require(string column, ColumnKind kind)
    {
        if (!HasColumn(column, kind))
            throw new WorkloadException($"{Name}: required column '{column}' is missing (columns: {string.Join(", ", _reader.Schema.Columns.Select(c => c.Name))}).");
    }

    /// <summary>Whether an optional column exists; when it does, it must hold <paramref name="kind"/> values.</summary>
    public bool HasColumn(string column, ColumnKind kind)
    {
        var index = _reader.Schema.TryIndexOf(column);
        if (index < 0) return false;
        var descriptor = _reader.Schema.Columns[index];
        if (!Accepts(descriptor, kind))
            throw new WorkloadException($"{Name}: column '{column}' is {Describe(descriptor)}; expected {Expected(kind)}.");
        return true;
    }

    /// <summary>
    /// The geometry column: the 'geo' metadata's primary column, or 'geometry' without it. Its CRS
    /// must be WGS84 longitude/latitude (EPSG:4326 or OGC:CRS84; absent means 4326) and its
    /// encoding WKB.
    /// </summary>
    public string RequireGeometryColumn()
    {
        GeoMetadata? geo;
        try
        {
            geo = GeoParquetFile.ReadMetadata(_reader);
        }
        catch (ParquetFormatException e)
        {
            throw new WorkloadException($"{Name}: column 'geometry': the GeoParquet 'geo' metadata is unreadable: {e.Message}", e);
        }
        var column = geo?.PrimaryColumn ?? "geometry";
        if (geo is not null)
        {
            var primary = geo.Primary;
            if (!GeoParquetFile.WkbColumns(_reader, geo).Contains(column))
                throw new WorkloadException($"{Name}: column '{column}' is encoded as '{primary.Encoding}'; only WKB, or a GeoArrow encoding stored as nested lists, is supported.");
            // Without a CRS (absent or null) MESA means EPSG:4326; a CRS that names no identifier cannot be trusted to be 4326.
            var crsMissing = primary.CrsCode is null && primary.CrsJson is null;
            if (!primary.IsWgs84 && !crsMissing)
                throw new WorkloadException($"{Name}: column '{column}' has the wrong CRS ({primary.CrsCode ?? "a CRS without an identifier"}); MESA workloads must be in EPSG:4326.");
        }
        Require(column, ColumnKind.Wkb);
        return column;
    }

    /// <summary>Row groups in file order with the file row number of their first row, decoded lazily.</summary>
    public IEnumerable<(RowBatch Batch, long FirstRow)> ReadRowGroups(IReadOnlyList<string> columns)
    {
        long first = 0;
        for (var rowGroup = 0; rowGroup < _reader.RowGroupCount; rowGroup++)
        {
            RowBatch batch;
            try
            {
                batch = _reader.ReadRowGroup(rowGroup, columns);
            }
            catch (ParquetFormatException e)
            {
                throw Unreadable(Name, e);
            }
            yield return (batch, first);
            first += batch.RowCount;
        }
    }

    /// <summary>An integer cell; null for a null cell, an absent column or a NaN float.</summary>
    public long? Integer(Column? column, int row, long firstRow)
    {
        if (column is null || column.IsNull(row) || column.Descriptor.LogicalType.Kind == LogicalKind.Unknown) return null;
        var unsigned = column.Descriptor.LogicalType is { Kind: LogicalKind.Integer, IsSigned: false };
        return column switch
        {
            PrimitiveColumn<int> c => unsigned ? (uint)c[row] : c[row],
            PrimitiveColumn<long> c when unsigned && c[row] < 0 => throw BadValue(column, row, firstRow, $"{(ulong)c[row]} is too large"),
            PrimitiveColumn<long> c => c[row],
            PrimitiveColumn<double> c => WholeNumber(c[row], column, row, firstRow),
            PrimitiveColumn<float> c => WholeNumber(c[row], column, row, firstRow),
            _ => throw new InvalidOperationException($"Column '{column.Name}' was accepted as an integer column but is {column.GetType().Name}."),
        };
    }

    public int? Int32(Column? column, int row, long firstRow) => Integer(column, row, firstRow) switch
    {
        null => null,
        >= int.MinValue and <= int.MaxValue and var v => (int)v,
        var v => throw BadValue(column!, row, firstRow, $"{v} does not fit a 32-bit integer"),
    };

    public long RequiredInteger(Column column, int row, long firstRow) =>
        Integer(column, row, firstRow) ?? throw BadValue(column, row, firstRow, "is null but a value is required");

    /// <summary>A text cell; null for a null cell or an absent column.</summary>
    public string? Text(Column? column, int row, long firstRow)
    {
        if (column is not BinaryColumn text || text.IsNull(row)) return null;
        try
        {
            return text.GetString(row);
        }
        catch (ParquetFormatException e)
        {
            throw BadValue(column, row, firstRow, "is not valid UTF-8 text", e);
        }
    }

    public string RequiredText(Column column, int row, long firstRow) =>
        Text(column, row, firstRow) ?? throw BadValue(column, row, firstRow, "is null but a value is required");

    /// <summary>
    /// <see cref="RequiredText(Column, int, long)"/>, answering <paramref name="previous"/> itself when the cell holds the
    /// same text, so a run of equal values shares one string (an ASCII one is compared without being decoded).
    /// </summary>
    public string RequiredText(Column column, int row, long firstRow, string? previous)
    {
        if (previous is not null && column is BinaryColumn text && !text.IsNull(row) && Ascii.Equals(text.GetBytes(row), previous)) return previous;
        var value = RequiredText(column, row, firstRow);
        return string.Equals(value, previous, StringComparison.Ordinal) ? previous! : value;
    }

    public static bool? Boolean(Column? column, int row) =>
        column is PrimitiveColumn<bool> flags && !flags.IsNull(row) ? flags[row] : null;

    /// <summary>Decodes a WKB column in EPSG:4326; null cells become empty geometries (they overlap nothing, as in MESA).</summary>
    public Geometry[] Geometries(Column column, long firstRow)
    {
        var result = new Geometry[column.Length];
        for (var row = 0; row < result.Length; row++) result[row] = Geometry(column, row, firstRow, out _);
        return result;
    }

    /// <summary>
    /// One cell of a WKB column in EPSG:4326 (an empty geometry for a null cell), and its bytes as an array of their own
    /// (null for a null cell): the very array the geometry was read from, so a caller that keeps both copies them once.
    /// </summary>
    public Geometry Geometry(Column column, int row, long firstRow, out byte[]? wkb)
    {
        var binary = (BinaryColumn)column;
        wkb = null;
        if (binary.IsNull(row)) return EmptyGeometry;
        var bytes = binary.GetBytes(row).ToArray();
        try
        {
            var geometry = (_decoder ??= new WkbDecoder(Wgs84Services)).Read(bytes, binary.Name, row);
            wkb = bytes;
            return geometry;
        }
        catch (ParquetFormatException e)
        {
            // NetTopologySuite's ParseException message is its cause's ToString(), stack trace included; the root cause alone is the user's message.
            throw BadValue(column, row, firstRow, $"is not valid WKB ({e.GetBaseException().Message})", e);
        }
    }

    /// <summary>
    /// One row of tbl_geocode_object as a <see cref="GeocodeObject"/>: a polygon of one ring keeps only its ring (its
    /// polygon is made when asked for); any other geometry is read as <see cref="Geometry"/> reads it.
    /// </summary>
    public GeocodeObject GeocodeObject(string code, long refGeocodeGroup, string nameGisGeocodeGroup, Column column, int row, long firstRow)
    {
        var binary = (BinaryColumn)column;
        if (!binary.IsNull(row))
        {
            var decoder = _decoder ??= new WkbDecoder(Wgs84Services);
            var bytes = binary.GetBytes(row);
            if (decoder.SingleRing(bytes) is { } shell) return new GeocodeObject(code, refGeocodeGroup, nameGisGeocodeGroup, shell, decoder, bytes.ToArray());
        }
        var geometry = Geometry(column, row, firstRow, out var wkb);
        return new GeocodeObject(code, refGeocodeGroup, nameGisGeocodeGroup, geometry, wkb);
    }

    public void Dispose() => _reader.Dispose();

    private static WorkloadException Unreadable(string name, ParquetFormatException e) =>
        // The library's messages already start with the file name (we opened it under that name).
        new(e.Message.StartsWith(name, StringComparison.Ordinal) ? $"unreadable Parquet: {e.Message}" : $"{name}: unreadable Parquet: {e.Message}", e);

    /// <summary>pandas writes nullable integers as float64 with NaN for missing values.</summary>
    private long? WholeNumber(double value, Column column, int row, long firstRow)
    {
        if (double.IsNaN(value)) return null;
        if (value != Math.Floor(value) || value < long.MinValue || value >= 9.2233720368547758E18)
            throw BadValue(column, row, firstRow, $"{value} is not a whole number");
        return (long)value;
    }

    private WorkloadException BadValue(Column column, int row, long firstRow, string problem, Exception? inner = null)
    {
        var message = $"{Name}: column '{column.Name}', row {firstRow + row}: value {problem}.";
        return inner is null ? new WorkloadException(message) : new WorkloadException(message, inner);
    }

    private static bool Accepts(ColumnDescriptor column, ColumnKind kind)
    {
        var logical = column.LogicalType.Kind;
        // pyarrow writes an all-null column of unknown type as the Null logical type: it fits any kind.
        if (logical == LogicalKind.Unknown) return true;
        return kind switch
        {
            ColumnKind.Integer => column.PhysicalType switch
            {
                PhysicalType.Int32 or PhysicalType.Int64 => logical is LogicalKind.None or LogicalKind.Integer,
                PhysicalType.Float or PhysicalType.Double => logical == LogicalKind.None,
                _ => false,
            },
            ColumnKind.Text => column.PhysicalType == PhysicalType.ByteArray && (column.LogicalType.IsText || logical == LogicalKind.None),
            ColumnKind.Boolean => column.PhysicalType == PhysicalType.Boolean,
            ColumnKind.Wkb => column.PhysicalType == PhysicalType.ByteArray && !column.LogicalType.IsText,
            _ => false,
        };
    }

    private static string Describe(ColumnDescriptor column) =>
        column.LogicalType.Kind == LogicalKind.None ? FormatNames.Of(column.PhysicalType) : $"{FormatNames.Of(column.PhysicalType)} ({column.LogicalType})";

    private static string Expected(ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => "an integer column (int32/int64, or float/double holding whole numbers)",
        ColumnKind.Text => "a string column",
        ColumnKind.Boolean => "a boolean column",
        _ => "a WKB geometry (binary) column",
    };
}
