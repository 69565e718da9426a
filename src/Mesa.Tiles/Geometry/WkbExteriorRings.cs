using System.Buffers.Binary;
using Mesa.GeoParquet;

namespace Mesa.Tiles.Geometry;

/// <summary>
/// Pulls the exterior rings out of WKB (ISO and EWKB flavours, any dimension): polygons, the polygons
/// of multipolygons and of geometry collections. Holes, points and lines are skipped; they paint nothing.
/// </summary>
public static class WkbExteriorRings
{
    /// <exception cref="ParquetFormatException">The bytes are not WKB.</exception>
    public static void Read<TSink>(ReadOnlySpan<byte> wkb, ref TSink into) where TSink : IExteriorRingSink
    {
        var offset = 0;
        ReadGeometry(wkb, ref offset, ref into, depth: 0);
    }

    private static void ReadGeometry<TSink>(ReadOnlySpan<byte> wkb, ref int offset, ref TSink into, int depth) where TSink : IExteriorRingSink
    {
        if (depth > 32) throw new ParquetFormatException("WKB nests geometry collections more than 32 deep.");
        var little = Byte(wkb, ref offset) switch
        {
            1 => true,
            0 => false,
            var b => throw new ParquetFormatException($"WKB byte order marker is {b}, expected 0 or 1."),
        };
        var type = UInt32(wkb, ref offset, little);
        // EWKB flags Z (0x80000000), M (0x40000000), SRID (0x20000000); ISO adds 1000/2000/3000.
        var hasZ = (type & 0x80000000) != 0;
        var hasM = (type & 0x40000000) != 0;
        if ((type & 0x20000000) != 0) UInt32(wkb, ref offset, little);
        var iso = type & 0x0FFFFFFF;
        var baseType = iso % 1000;
        switch (iso / 1000)
        {
            case 1: hasZ = true; break;
            case 2: hasM = true; break;
            case 3: hasZ = hasM = true; break;
        }
        var dimensions = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        switch (baseType)
        {
            case 1: // point
                offset += 8 * dimensions;
                break;
            case 2: // line string
                var points = Count(wkb, ref offset, little, 8 * dimensions);
                offset += 8 * dimensions * points;
                break;
            case 3:
                ReadPolygon(wkb, ref offset, little, dimensions, ref into);
                break;
            case 4 or 5 or 6 or 7: // multi* and collections hold whole WKB geometries
                var parts = Count(wkb, ref offset, little, 5);
                for (var i = 0; i < parts; i++) ReadGeometry(wkb, ref offset, ref into, depth + 1);
                break;
            default:
                throw new ParquetFormatException($"WKB geometry type {type} is not supported.");
        }
        if (offset > wkb.Length) throw new ParquetFormatException("WKB is truncated.");
    }

    private static void ReadPolygon<TSink>(ReadOnlySpan<byte> wkb, ref int offset, bool little, int dimensions, ref TSink into) where TSink : IExteriorRingSink
    {
        var rings = Count(wkb, ref offset, little, 4);
        for (var r = 0; r < rings; r++)
        {
            var points = Count(wkb, ref offset, little, 8 * dimensions);
            if (r == 0)
            {
                for (var p = 0; p < points && into.TakesPoints; p++)
                {
                    var at = offset + p * 8 * dimensions;
                    into.AddPoint(Double(wkb, at, little), Double(wkb, at + 8, little));
                }
                into.EndRing(points);
            }
            offset += points * 8 * dimensions;
        }
    }

    // A count must fit in the bytes left, so hostile counts fail before any allocation.
    private static int Count(ReadOnlySpan<byte> wkb, ref int offset, bool little, int minBytesEach)
    {
        var count = UInt32(wkb, ref offset, little);
        if (count > (uint)(wkb.Length - offset) / (uint)minBytesEach)
            throw new ParquetFormatException($"WKB claims {count} elements but only {wkb.Length - offset} bytes remain.");
        return (int)count;
    }

    private static byte Byte(ReadOnlySpan<byte> wkb, ref int offset)
    {
        if (offset >= wkb.Length) throw new ParquetFormatException("WKB is truncated.");
        return wkb[offset++];
    }

    private static uint UInt32(ReadOnlySpan<byte> wkb, ref int offset, bool little)
    {
        if (offset + 4 > wkb.Length) throw new ParquetFormatException("WKB is truncated.");
        var span = wkb.Slice(offset, 4);
        offset += 4;
        return little ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
    }

    private static double Double(ReadOnlySpan<byte> wkb, int at, bool little)
    {
        var span = wkb.Slice(at, 8);
        return little ? BinaryPrimitives.ReadDoubleLittleEndian(span) : BinaryPrimitives.ReadDoubleBigEndian(span);
    }
}
