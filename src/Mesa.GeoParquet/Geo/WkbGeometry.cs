using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.GeoParquet.Geo;

/// <summary>One WKB value to a geometry through NetTopologySuite, any failure reported as a <see cref="ParquetFormatException"/>.</summary>
public static class WkbGeometry
{
    /// <param name="column">The column the value is in, named in the message with <paramref name="row"/>.</param>
    /// <exception cref="ParquetFormatException">The bytes are not valid WKB.</exception>
    public static Geometry Read(WKBReader reader, ReadOnlySpan<byte> wkb, string column, int row) => Read(reader, wkb.ToArray(), column, row);

    /// <inheritdoc cref="Read(WKBReader, ReadOnlySpan{byte}, string, int)"/>
    public static Geometry Read(WKBReader reader, byte[] wkb, string column, int row)
    {
        try
        {
            return reader.Read(wkb);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or IOException or InvalidOperationException)
        {
            throw new ParquetFormatException($"Column '{column}', row {row}: not valid WKB ({e.Message}).", e);
        }
    }
}
