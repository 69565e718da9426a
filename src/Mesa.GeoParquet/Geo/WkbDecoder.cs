using System.Buffers.Binary;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.GeoParquet.Geo;

/// <summary>
/// WKB values to geometries made by one <see cref="NtsGeometryServices"/> (the SRID in a value is ignored). A
/// little-endian two-dimensional polygon of one closed ring, which is what every analysis cell is, is read straight
/// from the bytes; anything else goes through NetTopologySuite's <see cref="WKBReader"/>.
/// </summary>
/// <remarks>
/// The reader builds a stream and a binary reader for every value: reading a job's 14,400 hexagon cells allocated
/// 11 MiB, about two thirds of it for that machinery (docs/performance.md). The direct path makes the same geometry
/// the reader would: the same coordinate sequence type, factory and SRID; a ring the reader would repair (not
/// closed, or too short) takes the reader's path.
/// </remarks>
public sealed class WkbDecoder(NtsGeometryServices services)
{
    private const uint PolygonXY = 3;

    // Byte order, type, ring count, point count.
    private const int HeaderBytes = 1 + 4 + 4 + 4;

    private readonly WKBReader _reader = new(services) { HandleSRID = false };
    private readonly GeometryFactory _factory = services.CreateGeometryFactory();

    /// <param name="column">The column the value is in, named in the message with <paramref name="row"/>.</param>
    /// <exception cref="Mesa.GeoParquet.Format.ParquetFormatException">The bytes are not valid WKB.</exception>
    public Geometry Read(byte[] wkb, string column, int row) =>
        SingleRing(wkb) is { } shell ? Polygon(shell) : WkbGeometry.Read(_reader, wkb, column, row);

    /// <summary>
    /// The closed ring of a value that is a little-endian two-dimensional polygon of one ring, as <see cref="Read"/>
    /// would hold it; null for any other value (which <see cref="Read"/> decodes).
    /// </summary>
    public CoordinateSequence? SingleRing(ReadOnlySpan<byte> wkb)
    {
        if (wkb.Length < HeaderBytes || wkb[0] != (byte)ByteOrder.LittleEndian) return null;
        if (BinaryPrimitives.ReadUInt32LittleEndian(wkb[1..]) != PolygonXY || BinaryPrimitives.ReadInt32LittleEndian(wkb[5..]) != 1) return null;
        var points = BinaryPrimitives.ReadInt32LittleEndian(wkb[9..]);
        if (points < 4 || (long)points * 16 != wkb.Length - HeaderBytes) return null;
        var sequence = _factory.CoordinateSequenceFactory.Create(points, Ordinates.XY);
        var precision = _factory.PrecisionModel;
        for (var i = 0; i < points; i++)
        {
            var at = HeaderBytes + 16 * i;
            sequence.SetX(i, precision.MakePrecise(BinaryPrimitives.ReadDoubleLittleEndian(wkb[at..])));
            sequence.SetY(i, precision.MakePrecise(BinaryPrimitives.ReadDoubleLittleEndian(wkb[(at + 8)..])));
        }
        if (sequence.GetX(0) != sequence.GetX(points - 1) || sequence.GetY(0) != sequence.GetY(points - 1)) return null;
        return sequence;
    }

    /// <summary>The polygon <see cref="Read"/> makes of a <see cref="SingleRing"/>.</summary>
    public Polygon Polygon(CoordinateSequence shell) => _factory.CreatePolygon(_factory.CreateLinearRing(shell), []);
}
