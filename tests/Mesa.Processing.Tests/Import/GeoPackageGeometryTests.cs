using System.Buffers.Binary;
using Mesa.Processing.Import;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Tests.Import;

public sealed class GeoPackageGeometryTests
{
    // Little-endian WKB of POINT (1 2).
    private static readonly byte[] PointWkb = [1, 1, 0, 0, 0, .. Le(1.0), .. Le(2.0)];

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 4)]
    [InlineData(2, 6)]
    [InlineData(3, 6)]
    [InlineData(4, 8)]
    public void Envelope_variants_are_skipped_to_reach_the_wkb(int indicator, int doubles)
    {
        var envelope = new[] { 1.0, 1.5, 2.0, 2.5, 9, 9, 9, 9 }.Take(doubles).SelectMany(Le);
        byte[] blob = [.. Header(indicator, littleEndian: true, empty: false, srsId: 4326), .. envelope, .. PointWkb];

        var header = GeoPackageGeometry.ReadHeader(blob);
        var point = GeoPackageGeometry.Decode(blob);

        Assert.Equal(4326, header.SrsId);
        Assert.Equal(8 + 8 * doubles, header.WkbOffset);
        Assert.Equal(doubles == 0 ? null : new Envelope(1.0, 1.5, 2.0, 2.5), header.Envelope);
        Assert.Equal(new Coordinate(1, 2), point!.Coordinate);
    }

    [Fact]
    public void Big_endian_header_and_big_endian_wkb()
    {
        byte[] wkb = [0, 0, 0, 0, 1, .. Be(3.0), .. Be(4.0)];
        byte[] blob = [.. Header(1, littleEndian: false, empty: false, srsId: 3857), .. new[] { 3.0, 3.0, 4.0, 4.0 }.SelectMany(Be), .. wkb];

        Assert.Equal(3857, GeoPackageGeometry.ReadHeader(blob).SrsId);
        Assert.Equal(new Envelope(3, 3, 4, 4), GeoPackageGeometry.ReadHeader(blob).Envelope);
        Assert.Equal(new Coordinate(3, 4), GeoPackageGeometry.Decode(blob)!.Coordinate);
    }

    [Fact]
    public void Iso_wkb_with_z_and_m_is_read_in_2d()
    {
        // ISO type 3001 = Point ZM.
        byte[] wkb = [1, .. BitConverter.GetBytes(3001), .. Le(5.0), .. Le(6.0), .. Le(7.0), .. Le(8.0)];
        var point = GeoPackageGeometry.Decode([.. Header(0, true, false, 4326), .. wkb]);

        Assert.Equal(new Coordinate(5, 6), point!.Coordinate);
        Assert.True(double.IsNaN(point.Coordinate.Z));
    }

    [Fact]
    public void Empty_flag_and_empty_wkb_give_null()
    {
        Assert.True(GeoPackageGeometry.ReadHeader([.. Header(0, true, true, 4326), .. PointWkb]).IsEmpty);
        Assert.Null(GeoPackageGeometry.Decode([.. Header(0, true, true, 4326), .. PointWkb]));
        // Empty polygon: type 3, zero rings.
        Assert.Null(GeoPackageGeometry.Decode([.. Header(0, true, false, 4326), 1, 3, 0, 0, 0, 0, 0, 0, 0]));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'X', (byte)'P', 0, 1, 0, 0, 0, 0 }, "magic")]
    [InlineData(new byte[] { (byte)'G', (byte)'P', 1, 1, 0, 0, 0, 0 }, "version")]
    [InlineData(new byte[] { (byte)'G', (byte)'P', 0, 0b1011, 0, 0, 0, 0 }, "envelope indicator")]
    [InlineData(new byte[] { (byte)'G', (byte)'P', 0, 0b0011, 0, 0, 0, 0, 1, 2 }, "shorter than")]
    [InlineData(new byte[] { (byte)'G', (byte)'P', 0 }, "magic")]
    [InlineData(new byte[] { (byte)'G', (byte)'P', 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0 }, "malformed WKB")]
    [InlineData(new byte[] { (byte)'G', (byte)'P', 0, 1, 0, 0, 0, 0, 1, 99, 0, 0, 0 }, "malformed WKB")]
    public void Malformed_blobs_are_refused_with_a_reason(byte[] blob, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => GeoPackageGeometry.Decode(blob));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_hostile_point_count_is_refused()
    {
        // LineString claiming int.MaxValue points with none following.
        byte[] blob = [.. Header(0, true, false, 4326), 1, 2, 0, 0, 0, .. BitConverter.GetBytes(int.MaxValue)];
        Assert.Throws<InvalidDataException>(() => GeoPackageGeometry.Decode(blob));
    }

    private static byte[] Header(int indicator, bool littleEndian, bool empty, int srsId)
    {
        var header = new byte[8];
        header[0] = (byte)'G';
        header[1] = (byte)'P';
        header[3] = (byte)((littleEndian ? 1 : 0) | indicator << 1 | (empty ? 0x10 : 0));
        if (littleEndian) BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), srsId);
        else BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), srsId);
        return header;
    }

    private static byte[] Le(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Be(double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        return bytes;
    }
}
