using NetTopologySuite.Geometries;

namespace Mesa.Processing.Grids;

/// <summary>Cells that are lon/lat rectangles (squares in Mercator, QDGC squares).</summary>
internal static class LonLatBox
{
    /// <summary>The rectangle as a counter-clockwise polygon starting at its south-west corner.</summary>
    public static Polygon ToPolygon(Envelope box) => CellPolygons.Factory.CreatePolygon(new[]
    {
        new Coordinate(box.MinX, box.MinY), new Coordinate(box.MaxX, box.MinY), new Coordinate(box.MaxX, box.MaxY),
        new Coordinate(box.MinX, box.MaxY), new Coordinate(box.MinX, box.MinY),
    });
}
