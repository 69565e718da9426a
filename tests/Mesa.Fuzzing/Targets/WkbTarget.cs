using Mesa.Fuzzing.Harness;
using Mesa.GeoParquet;
using Mesa.GeoParquet.Geo;
using Mesa.Tiles.Geometry;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Mesa.Fuzzing.Targets;

/// <summary>
/// WKB as the pipeline reads it from a workload's GeoParquet tables (NetTopologySuite through <see cref="WkbGeometry"/>)
/// and as the tiler walks tbl_flat (<see cref="WkbExteriorRings"/>); both refuse bad bytes with a <see cref="ParquetFormatException"/>.
/// </summary>
public sealed class WkbTarget : FuzzTarget
{
    private readonly WKBReader _reader = new(NtsGeometryServices.Instance) { HandleSRID = false };

    public override string Name => "wkb";

    public override void Run(byte[] input)
    {
        ParquetFormatException? refused = null;
        try
        {
            var geometry = WkbGeometry.Read(_reader, input, "geometry", 0);
            _ = geometry.EnvelopeInternal;
        }
        catch (ParquetFormatException e)
        {
            refused = e;
        }
        try
        {
            var rings = new RingCounter();
            WkbExteriorRings.Read(input, ref rings);
        }
        catch (ParquetFormatException e)
        {
            refused ??= e;
        }
        if (refused is not null) throw refused;
    }

    public override bool IsDocumented(Exception error) => error is ParquetFormatException;

    protected override IReadOnlyList<byte[]> BuildSeeds()
    {
        var reader = new WKTReader(NtsGeometryServices.Instance);
        string[] shapes =
        [
            "POINT (10 20)", "POINT EMPTY", "LINESTRING (0 0, 1 1, 2 0)", "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))",
            "MULTIPOINT ((0 0), (1 1))", "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
            "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))", "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1))",
            "POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))",
        ];
        return shapes.SelectMany(wkt => new[]
        {
            new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: true).Write(reader.Read(wkt)),
            new WKBWriter(ByteOrder.BigEndian, handleSRID: true, emitZ: true).Write(reader.Read(wkt)),
        }).ToArray();
    }

    protected override byte[]? Generate(Random random) => random.Next(2) == 0 ? WkbGenerator.Generate(random) : null;

    private struct RingCounter : IExteriorRingSink
    {
        public readonly bool TakesPoints => true;

        public void AddPoint(double lon, double lat) { }

        public void EndRing(int points) { }
    }
}
