using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Reading;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.GeoParquet.Geo;

/// <summary>Reading side of GeoParquet: the "geo" metadata of a file and WKB to geometry.</summary>
public static class GeoParquetFile
{
    /// <summary>The file's "geo" metadata, or null when it has none.</summary>
    public static GeoMetadata? ReadMetadata(ParquetReader reader) =>
        reader.KeyValueMetadata.TryGetValue(GeoMetadata.Key, out var json) && json is not null
            ? GeoMetadata.Parse(json, reader.Name)
            : null;

    /// <summary>
    /// The geometry columns of the file that <paramref name="reader"/> delivers as WKB: those the "geo" metadata
    /// declares as WKB, and those stored in a GeoArrow encoding (which the reader turns into WKB).
    /// </summary>
    public static IReadOnlySet<string> WkbColumns(ParquetReader reader, GeoMetadata? metadata) =>
        (metadata?.Columns.Values ?? [])
            .Where(c => c.Encoding.Equals("WKB", StringComparison.OrdinalIgnoreCase) || reader.GeoArrowColumns.Contains(c.Name))
            .Select(c => c.Name)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Decodes a WKB column into geometries (null rows stay null).</summary>
    /// <exception cref="ParquetFormatException">A value is not valid WKB; the message names the column and row.</exception>
    public static Geometry?[] ReadGeometries(BinaryColumn column, GeometryFactory? factory = null)
    {
        var reader = new WKBReader(NtsGeometryServices.Instance) { HandleSRID = false };
        var result = new Geometry?[column.Length];
        for (var row = 0; row < column.Length; row++)
        {
            if (column.IsNull(row)) continue;
            result[row] = ReadGeometry(column, row, reader, factory);
        }
        return result;
    }

    /// <summary>Decodes one row of a WKB column.</summary>
    public static Geometry ReadGeometry(BinaryColumn column, int row, WKBReader reader, GeometryFactory? factory = null)
    {
        var geometry = WkbGeometry.Read(reader, column.GetBytes(row), column.Name, row);
        return factory is null ? geometry : factory.CreateGeometry(geometry);
    }
}
