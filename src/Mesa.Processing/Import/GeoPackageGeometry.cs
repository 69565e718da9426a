using System.Buffers.Binary;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Processing.Import;

/// <summary>Decodes GeoPackage geometry blobs: the "GP" header, then standard or ISO WKB (Z and M are dropped).</summary>
public static class GeoPackageGeometry
{
    private const int FixedHeaderLength = 8;

    // Flags byte: bit 0 header byte order (1 = little endian), bits 1-3 envelope indicator, bit 4 empty, bit 5 extended type.
    private const int LittleEndianFlag = 0x01;
    private const int EmptyFlag = 0x10;
    private const int ExtendedTypeFlag = 0x20;

    private static readonly NtsGeometryServices Services = new(PrecisionModel.Floating.Value, 4326);

    /// <exception cref="InvalidDataException">Not a GeoPackage blob, an unknown version or envelope indicator, or too short for its header.</exception>
    public static GeoPackageBlobHeader ReadHeader(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < FixedHeaderLength || blob[0] != (byte)'G' || blob[1] != (byte)'P')
            throw new InvalidDataException("not a GeoPackage geometry blob (no 'GP' magic)");
        if (blob[2] != 0)
            throw new InvalidDataException($"unsupported GeoPackage blob version {blob[2]}");
        var flags = blob[3];
        if ((flags & ExtendedTypeFlag) != 0)
            throw new InvalidDataException("extended GeoPackage geometry types are not supported");
        var littleEndian = (flags & LittleEndianFlag) != 0;
        var indicator = (flags >> 1) & 0x07;
        var envelopeDoubles = indicator switch
        {
            0 => 0,
            1 => 4,
            2 or 3 => 6,
            4 => 8,
            _ => throw new InvalidDataException($"invalid envelope indicator {indicator} in the GeoPackage blob header"),
        };
        var wkbOffset = FixedHeaderLength + 8 * envelopeDoubles;
        if (blob.Length < wkbOffset)
            throw new InvalidDataException($"GeoPackage blob of {blob.Length} bytes is shorter than its {wkbOffset}-byte header");
        var srsId = littleEndian ? BinaryPrimitives.ReadInt32LittleEndian(blob[4..]) : BinaryPrimitives.ReadInt32BigEndian(blob[4..]);
        return new GeoPackageBlobHeader(srsId, (flags & EmptyFlag) != 0, envelopeDoubles == 0 ? null : ReadEnvelope(blob, littleEndian), wkbOffset);
    }

    /// <summary>The blob's geometry in 2D, or null when the blob is flagged empty or its WKB is an empty geometry.</summary>
    /// <exception cref="InvalidDataException">The header or the WKB is malformed or truncated.</exception>
    public static Geometry? Decode(byte[] blob)
    {
        var header = ReadHeader(blob);
        if (header.IsEmpty) return null;
        Geometry geometry;
        try
        {
            using var wkb = new MemoryStream(blob, header.WkbOffset, blob.Length - header.WkbOffset, writable: false);
            geometry = new WKBReader(Services) { HandleOrdinates = Ordinates.XY }.Read(wkb);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or EndOfStreamException or IOException or InvalidOperationException or OverflowException)
        {
            throw new InvalidDataException($"malformed WKB after the GeoPackage header: {e.Message}", e);
        }
        return geometry.IsEmpty ? null : geometry;
    }

    // The envelope is ordered minx, maxx, miny, maxy[, minz, maxz][, minm, maxm]. GeoPackage writes NaN there for an
    // empty geometry, which NetTopologySuite's Envelope refuses: that is no envelope.
    private static Envelope? ReadEnvelope(ReadOnlySpan<byte> blob, bool littleEndian)
    {
        var (minX, maxX) = (EnvelopeValue(blob, 0, littleEndian), EnvelopeValue(blob, 1, littleEndian));
        var (minY, maxY) = (EnvelopeValue(blob, 2, littleEndian), EnvelopeValue(blob, 3, littleEndian));
        return double.IsNaN(minX) || double.IsNaN(maxX) || double.IsNaN(minY) || double.IsNaN(maxY) ? null : new Envelope(minX, maxX, minY, maxY);
    }

    private static double EnvelopeValue(ReadOnlySpan<byte> blob, int index, bool littleEndian)
    {
        var bytes = blob.Slice(FixedHeaderLength + 8 * index, 8);
        return littleEndian ? BinaryPrimitives.ReadDoubleLittleEndian(bytes) : BinaryPrimitives.ReadDoubleBigEndian(bytes);
    }
}
