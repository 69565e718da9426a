using System.Text;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Grids;

/// <summary>
/// Extended Quarter Degree Grid Cells (QDGC; Larsen et al. 2009, African Journal of Ecology 47(3)): level 0 cells
/// are 1 x 1 degree lon/lat squares, and each further level splits every cell into four quadrants, so a level-L
/// cell is 1 / 2^L degrees on each side. MESA names the group <c>QDGC_L&lt;level&gt;</c>.
/// </summary>
/// <remarks>
/// Codes follow the published convention (e.g. the point 31.4 E, 2.7 N at level 5 is <c>E031N02ADBAC</c>):
/// <c>E</c>/<c>W</c> and the whole degrees of longitude in three digits, <c>N</c>/<c>S</c> and the whole degrees of
/// latitude in two digits, both truncated towards zero (the degree square 10..11 W, 9..10 S is <c>W010S09</c>);
/// then one letter per level naming the quadrant geographically: A north-west, B north-east, C south-west,
/// D south-east. A point on a cell boundary belongs to the cell north-east of it.
/// </remarks>
public sealed class QdgcGrid : ICellGrid
{
    /// <summary>The finest level offered: cells of about 10 cm, and cell indices still fit easily in 64 bits.</summary>
    public const int MaxLevel = 20;

    private readonly long _perDegree;

    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0..<see cref="MaxLevel"/>.</exception>
    public QdgcGrid(int level)
    {
        if (level is < 0 or > MaxLevel)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The QDGC level must be 0..{MaxLevel}.");
        Level = level;
        _perDegree = 1L << level;
    }

    public int Level { get; }

    public string DefaultGroupName => $"QDGC_L{Level}";

    /// <summary>The code of the level-<paramref name="level"/> cell containing a lon/lat point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside 0..<see cref="MaxLevel"/>.</exception>
    public static string CodeAt(double lon, double lat, int level)
    {
        var grid = new QdgcGrid(level);
        return grid.Code(grid.Index(lon, 180), grid.Index(lat, 90));
    }

    public IEnumerable<GeocodeObject> Cover(Envelope extent, string nameGisGeocodeGroup, long refGeocodeGroup, Func<Envelope, bool>? keep = null)
    {
        GridExtent.Validate(extent);
        return Cells(extent, nameGisGeocodeGroup, refGeocodeGroup, keep);
    }

    private IEnumerable<GeocodeObject> Cells(Envelope extent, string group, long refGroup, Func<Envelope, bool>? keep)
    {
        double step = 1.0 / _perDegree;
        long firstCol = Index(extent.MinX, 180), lastCol = Index(extent.MaxX, 180);
        long firstRow = Index(extent.MinY, 90), lastRow = Index(extent.MaxY, 90);
        for (long j = firstRow; j <= lastRow; j++)
        {
            // A power-of-two step makes every corner exact, so neighbours share identical vertices.
            double south = j * step - 90, north = (j + 1) * step - 90;
            if (!GridExtent.Overlaps(south, north, extent.MinY, extent.MaxY)) continue;
            for (long i = firstCol; i <= lastCol; i++)
            {
                double west = i * step - 180, east = (i + 1) * step - 180;
                if (!GridExtent.Overlaps(west, east, extent.MinX, extent.MaxX)) continue;
                var box = new Envelope(west, east, south, north);
                if (keep is not null && !keep(box)) continue;
                yield return new GeocodeObject(Code(i, j), refGroup, group, LonLatBox.ToPolygon(box));
            }
        }
    }

    /// <summary>The cell index along one axis counted from -<paramref name="offset"/> degrees; the last edge (180 E, 90 N) falls in the last cell.</summary>
    private long Index(double degrees, int offset) =>
        Math.Clamp((long)Math.Floor((degrees + offset) * _perDegree), 0, 2 * offset * _perDegree - 1);

    private string Code(long i, long j)
    {
        long lonDegree = i / _perDegree - 180, latDegree = j / _perDegree - 90;
        var code = new StringBuilder(7 + Level);
        // Degree squares are named by the whole degrees of their edge nearest the prime meridian / equator.
        code.Append(lonDegree >= 0 ? $"E{lonDegree:000}" : $"W{-lonDegree - 1:000}");
        code.Append(latDegree >= 0 ? $"N{latDegree:00}" : $"S{-latDegree - 1:00}");
        long x = i % _perDegree, y = j % _perDegree;
        for (int bit = Level - 1; bit >= 0; bit--)
        {
            bool east = ((x >> bit) & 1) == 1, north = ((y >> bit) & 1) == 1;
            code.Append(north ? (east ? 'B' : 'A') : (east ? 'D' : 'C'));
        }
        return code.ToString();
    }
}
