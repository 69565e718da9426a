using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Grids;

/// <summary>
/// Squares laid out in Web Mercator (EPSG:3857), <c>sq_&lt;col&gt;_&lt;row&gt;</c> counted from the Mercator origin (0, 0).
/// </summary>
/// <remarks>
/// <see cref="CellMetres"/> is the side of a cell on the ground at the extent's central latitude (a cell there
/// covers about CellMetres^2). As in <see cref="HexGrid"/> the lattice is scaled by 1 / cos(central latitude), so
/// cells away from the centre differ from the stated size by the ratio of the cosines, and codes are stable for
/// one extent and size. In lon/lat the cells are rectangles whose height shrinks towards the poles.
/// </remarks>
public sealed class SquareGrid(double cellMetres) : ICellGrid
{
    /// <summary>Side on the ground, in metres, at the extent's central latitude.</summary>
    public double CellMetres { get; } = CellSize.Check(cellMetres);

    public string DefaultGroupName => $"sq_{CellSize.Format(CellMetres)}m";

    public IEnumerable<GeocodeObject> Cover(Envelope extent, string nameGisGeocodeGroup, long refGeocodeGroup, Func<Envelope, bool>? keep = null)
    {
        var frame = new MercatorFrame(extent);
        return Cells(frame, CellMetres * frame.UnitsPerMetre, nameGisGeocodeGroup, refGeocodeGroup, keep);
    }

    private static IEnumerable<GeocodeObject> Cells(MercatorFrame frame, double side, string group, long refGroup, Func<Envelope, bool>? keep)
    {
        long firstRow = (long)Math.Floor(frame.MinY / side) - 1, lastRow = (long)Math.Ceiling(frame.MaxY / side);
        long firstCol = (long)Math.Floor(frame.MinX / side) - 1, lastCol = (long)Math.Ceiling(frame.MaxX / side);
        for (long row = firstRow; row <= lastRow; row++)
        {
            for (long col = firstCol; col <= lastCol; col++)
            {
                // Corners are integer multiples of the side, so neighbours share bit-identical vertices.
                double west = col * side, east = (col + 1) * side, south = row * side, north = (row + 1) * side;
                if (!frame.Overlaps(west, south, east, north)) continue;
                var envelope = MercatorFrame.ToLonLat(west, south, east, north);
                if (keep is not null && !keep(envelope)) continue;
                yield return new GeocodeObject($"sq_{col}_{row}", refGroup, group, LonLatBox.ToPolygon(envelope));
            }
        }
    }
}
