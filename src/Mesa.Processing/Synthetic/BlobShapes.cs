using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Mesa.Processing.Synthetic;

/// <summary>
/// Organic asset shapes in local metres around (0, 0), x east and y north: closed noisy blobs whose radius is
/// perturbed by a few sine harmonics of random phase. The radius never drops below 30 % of the mean, so every
/// ring is star-shaped around the centre and hence simple: polygons are valid by construction.
/// </summary>
internal static class BlobShapes
{
    /// <summary>Packed doubles: a blob of hundreds of vertices costs 16 bytes a vertex, not an object each.</summary>
    public static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326, PackedCoordinateSequenceFactory.DoubleFactory);

    /// <summary>Sum of the harmonic amplitudes: the radius stays within (1 +- this) x the mean.</summary>
    private const double MaxWobble = 0.7;

    public static Polygon Blob(Random random, double radius, int vertices) =>
        Factory.CreatePolygon(Ring(random, 0, 0, radius, vertices, MaxWobble, clockwise: false));

    /// <summary>A blob with one hole: a smaller blob well inside the outer ring's smallest radius.</summary>
    public static Polygon BlobWithHole(Random random, double radius, int vertices)
    {
        var shell = Ring(random, 0, 0, radius, vertices, MaxWobble, clockwise: false);
        // The hole reaches at most 0.3 x 1.3 = 0.39 of the shell's least radius (1 - 0.7) x radius.
        var hole = Ring(random, 0, 0, radius * (1 - MaxWobble) * 0.3, Math.Max(24, vertices / 4), 0.3, clockwise: true);
        return Factory.CreatePolygon(shell, [hole]);
    }

    /// <summary>Two or three blobs in a row, spaced so that their outer bounds cannot meet.</summary>
    public static MultiPolygon Archipelago(Random random, double radius, int vertices)
    {
        int parts = random.Next(2, 4);
        double heading = random.NextDouble() * 2 * Math.PI;
        var polygons = new Polygon[parts];
        double along = 0, previousReach = 0;
        for (int i = 0; i < parts; i++)
        {
            double partRadius = radius * (0.4 + 0.6 * random.NextDouble());
            double reach = partRadius * (1 + MaxWobble);
            if (i > 0) along += previousReach + reach + radius * (0.1 + random.NextDouble());
            polygons[i] = Factory.CreatePolygon(Ring(random, along * Math.Cos(heading), along * Math.Sin(heading), partRadius, Math.Max(24, vertices / parts), MaxWobble, clockwise: false));
            previousReach = reach;
        }
        return Factory.CreateMultiPolygon(polygons);
    }

    /// <summary>A wandering line (e.g. a river or a track), as MESA keeps raw lines that were never buffered.</summary>
    public static LineString Track(Random random, double length)
    {
        int vertices = random.Next(10, 40);
        double step = length / (vertices - 1), heading = random.NextDouble() * 2 * Math.PI, x = 0, y = 0;
        var coordinates = new Coordinate[vertices];
        for (int i = 0; i < vertices; i++)
        {
            coordinates[i] = new Coordinate(x, y);
            heading += (random.NextDouble() - 0.5) * 0.8;
            x += step * Math.Cos(heading);
            y += step * Math.Sin(heading);
        }
        return Factory.CreateLineString(coordinates);
    }

    public static Point Spot() => Factory.CreatePoint(new Coordinate(0, 0));

    private static LinearRing Ring(Random random, double centreX, double centreY, double radius, int vertices, double wobble, bool clockwise)
    {
        // A few broad harmonics give the outline, a few fine ones the ragged edge; amplitudes share the wobble budget.
        int harmonics = random.Next(3, 7);
        var order = new int[harmonics];
        var amplitude = new double[harmonics];
        var phase = new double[harmonics];
        double total = 0;
        for (int k = 0; k < harmonics; k++)
        {
            order[k] = k < 3 ? random.Next(2, 7) : random.Next(8, 40);
            amplitude[k] = (k < 3 ? 1.0 : 0.15) * random.NextDouble();
            phase[k] = random.NextDouble() * 2 * Math.PI;
            total += amplitude[k];
        }
        double scale = total > 0 ? wobble * (0.5 + 0.5 * random.NextDouble()) / total : 0;
        var coordinates = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++)
        {
            double angle = (clockwise ? -1 : 1) * 2 * Math.PI * i / vertices;
            double r = 1;
            for (int k = 0; k < harmonics; k++) r += scale * amplitude[k] * Math.Sin(order[k] * angle + phase[k]);
            coordinates[i] = new Coordinate(centreX + radius * r * Math.Cos(angle), centreY + radius * r * Math.Sin(angle));
        }
        coordinates[vertices] = coordinates[0].Copy();
        return Factory.CreateLinearRing(coordinates);
    }
}
