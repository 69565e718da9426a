using NetTopologySuite.Geometries;

namespace Mesa.Processing.Grids;

/// <summary>The geometry factory of generated cells: EPSG:4326, floating precision.</summary>
internal static class CellPolygons
{
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);
}
