using System.Buffers.Binary;

namespace Mesa.Fuzzing.Targets;

/// <summary>
/// Structurally valid WKB of every simple feature type, nested up to three levels: either byte order per geometry,
/// XY/Z/M/ZM as ISO codes or EWKB flags, an optional EWKB SRID, small counts and coordinates that include NaN,
/// infinities and extremes. The mutator then breaks what this builds.
/// </summary>
public static class WkbGenerator
{
    private static readonly double[] SpecialCoordinates = [0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon, 180, -90];

    public static byte[] Generate(Random random)
    {
        var bytes = new List<byte>();
        Geometry(random, bytes, depth: 0, type: 1 + random.Next(7));
        return [.. bytes];
    }

    private static void Geometry(Random random, List<byte> bytes, int depth, int type)
    {
        var little = random.Next(2) == 0;
        var hasZ = random.Next(3) == 0;
        var hasM = random.Next(4) == 0;
        var ewkb = random.Next(2) == 0;
        uint code = (uint)type;
        if (ewkb)
        {
            if (hasZ) code |= 0x80000000;
            if (hasM) code |= 0x40000000;
            if (random.Next(4) == 0) code |= 0x20000000;
        }
        else code += (uint)((hasZ ? 1000 : 0) + (hasM ? 2000 : 0));
        bytes.Add(little ? (byte)1 : (byte)0);
        UInt32(bytes, code, little);
        if ((code & 0x20000000) != 0) UInt32(bytes, 4326, little);
        var dimensions = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        switch (type)
        {
            case 1:
                Points(random, bytes, little, dimensions, 1);
                break;
            case 2:
                Points(random, bytes, little, dimensions, Count(random, bytes, little));
                break;
            case 3:
                var rings = Count(random, bytes, little);
                for (var r = 0; r < rings; r++) Ring(random, bytes, little, dimensions);
                break;
            default:
                var parts = depth >= 3 ? 0 : random.Next(4);
                UInt32(bytes, (uint)parts, little);
                for (var p = 0; p < parts; p++)
                    Geometry(random, bytes, depth + 1, type switch { 4 => 1, 5 => 2, 6 => 3, _ => 1 + random.Next(7) });
                break;
        }
    }

    private static int Count(Random random, List<byte> bytes, bool little)
    {
        var count = random.Next(6);
        UInt32(bytes, (uint)count, little);
        return count;
    }

    /// <summary>Mostly a closed ring of four or more points (what a reader accepts), sometimes any count.</summary>
    private static void Ring(Random random, List<byte> bytes, bool little, int dimensions)
    {
        if (random.Next(4) == 0)
        {
            Points(random, bytes, little, dimensions, Count(random, bytes, little));
            return;
        }
        var count = 4 + random.Next(3);
        UInt32(bytes, (uint)count, little);
        var first = bytes.Count;
        Points(random, bytes, little, dimensions, count - 1);
        bytes.AddRange(bytes.GetRange(first, 8 * dimensions));
    }

    private static void Points(Random random, List<byte> bytes, bool little, int dimensions, int count)
    {
        Span<byte> buffer = stackalloc byte[8];
        for (var i = 0; i < count * dimensions; i++)
        {
            var value = random.Next(8) == 0 ? SpecialCoordinates[random.Next(SpecialCoordinates.Length)] : random.NextDouble() * 360 - 180;
            if (little) BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
            else BinaryPrimitives.WriteDoubleBigEndian(buffer, value);
            bytes.AddRange(buffer);
        }
    }

    private static void UInt32(List<byte> bytes, uint value, bool little)
    {
        Span<byte> buffer = stackalloc byte[4];
        if (little) BinaryPrimitives.WriteUInt32LittleEndian(buffer, value);
        else BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
        bytes.AddRange(buffer);
    }
}
