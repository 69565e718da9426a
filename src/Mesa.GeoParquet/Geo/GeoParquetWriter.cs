using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Schema;
using Mesa.GeoParquet.Writing;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.GeoParquet.Geo;

/// <summary>
/// A <see cref="ParquetWriter"/> for tables with one WKB geometry column in EPSG:4326: it tracks
/// the bounding box and geometry types of every row written and stores them, with the CRS, as
/// GeoParquet 1.1 "geo" metadata when the file is closed.
/// </summary>
public sealed class GeoParquetWriter : IDisposable
{
    private readonly ParquetWriter _writer;
    private readonly WkbSummary _summary = new();
    private readonly int _geometryIndex;

    public GeoParquetWriter(Stream output, ParquetSchema schema, string geometryColumn = "geometry", ParquetWriterOptions? options = null, bool leaveOpen = false)
    {
        _geometryIndex = schema.IndexOf(geometryColumn);
        if (schema.Columns[_geometryIndex].PhysicalType != Format.PhysicalType.ByteArray)
            throw new ArgumentException($"Geometry column '{geometryColumn}' must be a BYTE_ARRAY (WKB) column.");
        GeometryColumn = geometryColumn;
        // WKB values are nearly all distinct: a dictionary would only be built to be given up.
        var layout = options ?? ParquetWriterOptions.Default;
        var chosen = layout.EncodingOverride;
        _writer = new ParquetWriter(output, schema, layout with { EncodingOverride = c => c.Name == geometryColumn ? Format.Encoding.Plain : chosen?.Invoke(c) }, leaveOpen);
    }

    public static GeoParquetWriter Create(string path, ParquetSchema schema, string geometryColumn = "geometry", ParquetWriterOptions? options = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), schema, geometryColumn, options);

    public string GeometryColumn { get; }

    public ParquetSchema Schema => _writer.Schema;

    public long RowCount => _writer.RowCount;

    public void WriteRowGroup(RowBatch batch)
    {
        var geometries = (BinaryColumn)batch.Columns[_geometryIndex];
        for (var row = 0; row < geometries.Length; row++)
        {
            if (!geometries.IsNull(row)) _summary.Add(geometries.GetBytes(row));
        }
        _writer.WriteRowGroup(batch);
    }

    /// <summary>Sets another footer key/value entry.</summary>
    public void SetKeyValue(string key, string value) => _writer.SetKeyValue(key, value);

    public void Dispose()
    {
        _writer.SetKeyValue(GeoMetadata.Key, GeoMetadata.ForWgs84Column(GeometryColumn, _summary.GeometryTypes, _summary.Bbox));
        _writer.Dispose();
    }

    /// <summary>Encodes geometries as little-endian 2D WKB, the encoding GeoParquet and MESA use.</summary>
    public static BinaryColumn ToWkbColumn(ColumnDescriptor descriptor, IReadOnlyList<Geometry?> geometries)
    {
        var writer = new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false);
        var buffer = new ByteArrayBuffer(geometries.Count, geometries.Count * 64);
        bool[]? defined = null;
        for (var i = 0; i < geometries.Count; i++)
        {
            if (geometries[i] is { } g)
            {
                buffer.Add(writer.Write(g));
                continue;
            }
            defined ??= Enumerable.Repeat(true, geometries.Count).ToArray();
            defined[i] = false;
            buffer.Reserve(0);
        }
        return new BinaryColumn(descriptor, buffer, defined);
    }
}
