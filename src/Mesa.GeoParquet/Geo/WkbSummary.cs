using System.Buffers.Binary;

namespace Mesa.GeoParquet.Geo;

/// <summary>
/// Accumulates the bounding box and the geometry type names of WKB values by walking their
/// bytes, without building geometry objects; used to write the "geo" metadata.
/// </summary>
internal sealed class WkbSummary
{
    private static readonly string[] TypeNames =
        ["Geometry", "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"];

    private readonly SortedSet<string> _types = new(StringComparer.Ordinal);
    private double _minX = double.PositiveInfinity, _minY = double.PositiveInfinity;
    private double _maxX = double.NegativeInfinity, _maxY = double.NegativeInfinity;

    public IReadOnlyCollection<string> GeometryTypes => _types;

    /// <summary>[minx, miny, maxx, maxy], or null when no coordinate was seen.</summary>
    public double[]? Bbox => _minX <= _maxX ? [_minX, _minY, _maxX, _maxY] : null;

    public void Add(ReadOnlySpan<byte> wkb)
    {
        var position = 0;
        var (type, dimensions) = ReadGeometry(wkb, ref position, depth: 0);
        _types.Add(dimensions >= 3 ? TypeNames[type] + " Z" : TypeNames[type]);
    }

    private (int Type, int Dimensions) ReadGeometry(ReadOnlySpan<byte> wkb, ref int position, int depth)
    {
        if (depth > 32) throw new ParquetFormatException("WKB nests deeper than 32 levels.");
        var littleEndian = Byte(wkb, ref position) == 1;
        var code = UInt32(wkb, ref position, littleEndian);
        // ISO WKB adds 1000/2000/3000 for Z/M/ZM; EWKB sets high flag bits instead.
        var hasZ = (code & 0x80000000) != 0 || (code & 0xFFFF) / 1000 is 1 or 3;
        var hasM = (code & 0x40000000) != 0 || (code & 0xFFFF) / 1000 is 2 or 3;
        var hasSrid = (code & 0x20000000) != 0;
        var type = (int)((code & 0xFFFF) % 1000);
        if (type is < 1 or > 7) throw new ParquetFormatException($"WKB geometry type code {code} is not a simple feature type.");
        if (hasSrid) position += 4;
        var dimensions = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        switch (type)
        {
            case 1:
                ReadPoints(wkb, ref position, littleEndian, dimensions, 1);
                break;
            case 2:
                ReadPoints(wkb, ref position, littleEndian, dimensions, Count(wkb, ref position, littleEndian));
                break;
            case 3:
                var rings = Count(wkb, ref position, littleEndian);
                for (var r = 0; r < rings; r++) ReadPoints(wkb, ref position, littleEndian, dimensions, Count(wkb, ref position, littleEndian));
                break;
            default:
                var parts = Count(wkb, ref position, littleEndian);
                for (var p = 0; p < parts; p++) ReadGeometry(wkb, ref position, depth + 1);
                break;
        }
        return (type, hasZ ? 3 : 2);
    }

    private void ReadPoints(ReadOnlySpan<byte> wkb, ref int position, bool littleEndian, int dimensions, int count)
    {
        var stride = dimensions * 8;
        if ((long)count * stride > wkb.Length - position) throw new ParquetFormatException("WKB is truncated.");
        for (var i = 0; i < count; i++, position += stride)
        {
            var x = Double(wkb.Slice(position, 8), littleEndian);
            var y = Double(wkb.Slice(position + 8, 8), littleEndian);
            if (double.IsNaN(x) || double.IsNaN(y)) continue; // POINT EMPTY is written as NaN, NaN
            if (x < _minX) _minX = x;
            if (x > _maxX) _maxX = x;
            if (y < _minY) _minY = y;
            if (y > _maxY) _maxY = y;
        }
    }

    private static int Count(ReadOnlySpan<byte> wkb, ref int position, bool littleEndian)
    {
        var count = UInt32(wkb, ref position, littleEndian);
        if (count > (uint)(wkb.Length - position)) throw new ParquetFormatException($"WKB claims {count} elements in {wkb.Length - position} bytes.");
        return (int)count;
    }

    private static byte Byte(ReadOnlySpan<byte> wkb, ref int position)
    {
        if (position >= wkb.Length) throw new ParquetFormatException("WKB is truncated.");
        return wkb[position++];
    }

    private static uint UInt32(ReadOnlySpan<byte> wkb, ref int position, bool littleEndian)
    {
        if (position + 4 > wkb.Length) throw new ParquetFormatException("WKB is truncated.");
        var slice = wkb.Slice(position, 4);
        position += 4;
        return littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(slice) : BinaryPrimitives.ReadUInt32BigEndian(slice);
    }

    private static double Double(ReadOnlySpan<byte> bytes, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadDoubleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleBigEndian(bytes);
}
