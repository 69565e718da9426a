using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Grids;

/// <summary>
/// Regular hexagons, pointy side north, in rows laid out in Web Mercator (EPSG:3857); odd rows are shifted half a
/// cell east. Codes are <c>hex_&lt;col&gt;_&lt;row&gt;</c>, counted from the Mercator origin (0, 0).
/// </summary>
/// <remarks>
/// <see cref="CellMetres"/> is the distance across flats (between opposite sides, i.e. the east-west width of a
/// cell) on the ground at the extent's central latitude, the measure H3 tables call "across flats"; a cell there
/// covers sqrt(3)/2 x CellMetres^2. The lattice is scaled by 1 / cos(central latitude) in Mercator units, so
/// cells north and south of the centre differ from the stated size by the ratio of the cosines (about 1.7 % per
/// degree of latitude at 45 degrees). Hence codes are stable for one extent and size, not across extents of
/// different central latitude. Vertices come from an integer lattice (half widths across, quarter heights up)
/// so neighbours share bit-identical vertices and the cells tile without gaps or overlaps.
/// </remarks>
public sealed class HexGrid(double cellMetres) : ICellGrid
{
    private static readonly double Sqrt3 = Math.Sqrt(3);

    /// <summary>Across-flats width on the ground, in metres, at the extent's central latitude.</summary>
    public double CellMetres { get; } = CellSize.Check(cellMetres);

    public string DefaultGroupName => $"hex_{CellSize.Format(CellMetres)}m";

    public IEnumerable<GeocodeObject> Cover(Envelope extent, string nameGisGeocodeGroup, long refGeocodeGroup, Func<Envelope, bool>? keep = null)
    {
        var frame = new MercatorFrame(extent);
        // Lattice units: x in half widths; y in quarter heights (the circumradius R is width / sqrt(3), the height 2R).
        double unitX = CellMetres * frame.UnitsPerMetre / 2;
        double unitY = unitX / Sqrt3;
        return Cells(frame, unitX, unitY, nameGisGeocodeGroup, refGeocodeGroup, keep);
    }

    private static IEnumerable<GeocodeObject> Cells(MercatorFrame frame, double unitX, double unitY, string group, long refGroup, Func<Envelope, bool>? keep)
    {
        // Row r is centred at y = 3r quarter heights and spans 3r +- 2; column c at x = 2c (+1 on odd rows) half widths, spanning +- 1.
        long firstRow = (long)Math.Floor((frame.MinY / unitY - 2) / 3);
        long lastRow = (long)Math.Ceiling((frame.MaxY / unitY + 2) / 3);
        long firstCol = (long)Math.Floor((frame.MinX / unitX - 2) / 2);
        long lastCol = (long)Math.Ceiling((frame.MaxX / unitX + 1) / 2);
        for (long row = firstRow; row <= lastRow; row++)
        {
            long iy = 3 * row;
            for (long col = firstCol; col <= lastCol; col++)
            {
                long ix = 2 * col + (row & 1);
                double west = (ix - 1) * unitX, east = (ix + 1) * unitX, south = (iy - 2) * unitY, north = (iy + 2) * unitY;
                if (!frame.Overlaps(west, south, east, north)) continue;
                if (keep is not null && !keep(MercatorFrame.ToLonLat(west, south, east, north))) continue;
                Coordinate Vertex(long x, long y) => MercatorFrame.ToLonLat(x * unitX, y * unitY);
                var bottom = Vertex(ix, iy - 2);
                // Counter-clockwise from the southern tip.
                var ring = new[]
                {
                    bottom, Vertex(ix + 1, iy - 1), Vertex(ix + 1, iy + 1), Vertex(ix, iy + 2),
                    Vertex(ix - 1, iy + 1), Vertex(ix - 1, iy - 1), bottom.Copy(),
                };
                yield return new GeocodeObject($"hex_{col}_{row}", refGroup, group, CellPolygons.Factory.CreatePolygon(ring));
            }
        }
    }
}
