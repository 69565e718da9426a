using NetTopologySuite.Geometries;

namespace Mesa.Processing.Tests.Geodesy;

/// <summary>Named lon/lat geometries covering the shapes the pipeline measures.</summary>
internal static class TestPolygons
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static IReadOnlyDictionary<string, Geometry> All { get; } = Build();

    private static Dictionary<string, Geometry> Build()
    {
        var shapes = new Dictionary<string, Geometry>();
        // ~1 km cells across Norway/Europe and near the equator.
        foreach (var (lon, lat) in new[]
                 {
                     (5.3, 58.0), (10.75, 59.9), (8.1, 61.2), (14.4, 65.0), (18.95, 69.65),
                     (25.8, 71.0), (30.9, 70.1), (2.35, 48.85), (-8.6, 40.1), (23.7, 37.9),
                     (10.0, 52.0), (36.8, -1.3), (-60.0, 0.0), (120.5, 3.2), (-0.0045, 51.48),
                 })
        {
            double dLon = 1.0 / (111.32 * Math.Cos(lat * Math.PI / 180));
            shapes[$"cell {lon} {lat}"] = Box(lon, lat, lon + dLon, lat + 0.009);
        }
        shapes["hexagon 62N"] = RegularPolygon(9.5, 62.0, 0.01, 6);
        shapes["cell across equator"] = Box(-78.5, -0.0045, -78.491, 0.0045);
        shapes["clockwise cell 64N"] = Factory.CreatePolygon(new Coordinate[]
        {
            new(11.0, 64.0), new(11.0, 64.009), new(11.0205, 64.009), new(11.0205, 64.0), new(11.0, 64.0),
        });
        shapes["large Norway box"] = Densified(4.0, 57.5, 31.5, 71.5, 6);
        shapes["large Europe quadrilateral"] = Factory.CreatePolygon(new Coordinate[]
        {
            new(-10.0, 36.0), new(40.0, 34.0), new(32.0, 71.0), new(-25.0, 66.0), new(-10.0, 36.0),
        });
        shapes["cell with hole"] = Factory.CreatePolygon(
            Ring(Box(6.0, 60.0, 6.04, 60.02)),
            [Ring(Box(6.01, 60.005, 6.02, 60.012)), Ring(Box(6.025, 60.013, 6.03, 60.015))]);
        shapes["multipolygon"] = Factory.CreateMultiPolygon(
        [
            Box(16.0, 68.0, 16.03, 68.01),
            Box(16.05, 68.02, 16.06, 68.05),
            (Polygon)shapes["hexagon 62N"],
        ]);
        shapes["collection"] = Factory.CreateGeometryCollection(
        [
            Box(20.0, 69.0, 20.02, 69.01),
            Factory.CreatePoint(new Coordinate(20.0, 69.0)),
            Factory.CreateLineString([new(20.0, 69.0), new(20.1, 69.1)]),
        ]);
        // ~1 km long, ~0.1 m wide: the 1 m^2 overlap rule lives here.
        shapes["thin sliver 60N"] = Factory.CreatePolygon(new Coordinate[]
        {
            new(10.0, 60.0), new(10.018, 60.0), new(10.018, 60.0000009), new(10.0, 60.0),
        });
        shapes["sliver quadrilateral 70N"] = Factory.CreatePolygon(new Coordinate[]
        {
            new(25.0, 70.0), new(25.026, 70.0), new(25.026, 70.00002), new(25.0, 70.000005), new(25.0, 70.0),
        });
        shapes["cell across antimeridian"] = Box(179.995, -16.8, 180.0, -16.791);
        shapes["ring around north pole"] = Factory.CreatePolygon(
            Enumerable.Range(0, 37).Select(i => new Coordinate(i == 36 ? -180 : -180 + 10 * i, 80.0)).ToArray());
        // Edges of nearly half the globe exercise the antipodal (astroid) start of the solver.
        shapes["near-antipodal triangle"] = Factory.CreatePolygon(new Coordinate[]
        {
            new(0.0, 0.5), new(179.5, -0.4), new(90.0, 60.0), new(0.0, 0.5),
        });
        shapes["circle 1000 vertices"] = RegularPolygon(12.0, 63.0, 0.5, 1000);
        shapes["star 500 vertices"] = Star(7.3, 58.9, 0.02, 0.05, 250);
        shapes["wiggly cell 3000 vertices"] = Wiggly(15.0, 67.0, 3000);
        return shapes;
    }

    private static Polygon Box(double minLon, double minLat, double maxLon, double maxLat) =>
        Factory.CreatePolygon(new Coordinate[]
        {
            new(minLon, minLat), new(maxLon, minLat), new(maxLon, maxLat), new(minLon, maxLat), new(minLon, minLat),
        });

    private static LinearRing Ring(Polygon polygon) => (LinearRing)polygon.ExteriorRing;

    private static Polygon Densified(double minLon, double minLat, double maxLon, double maxLat, int perSide)
    {
        var corners = new[] { (minLon, minLat), (maxLon, minLat), (maxLon, maxLat), (minLon, maxLat) };
        var coordinates = new List<Coordinate>();
        for (int side = 0; side < 4; side++)
        {
            var (x0, y0) = corners[side];
            var (x1, y1) = corners[(side + 1) % 4];
            for (int i = 0; i < perSide; i++)
            {
                double t = (double)i / perSide;
                coordinates.Add(new Coordinate(x0 + t * (x1 - x0), y0 + t * (y1 - y0)));
            }
        }
        coordinates.Add(coordinates[0].Copy());
        return Factory.CreatePolygon(coordinates.ToArray());
    }

    private static Polygon RegularPolygon(double lon, double lat, double radiusDegrees, int vertices) =>
        Star(lon, lat, radiusDegrees, radiusDegrees, vertices / 2);

    private static Polygon Star(double lon, double lat, double inner, double outer, int points)
    {
        double stretch = 1 / Math.Cos(lat * Math.PI / 180);
        var coordinates = new Coordinate[2 * points + 1];
        for (int i = 0; i < 2 * points; i++)
        {
            double r = i % 2 == 0 ? outer : inner;
            double angle = Math.PI * i / points;
            coordinates[i] = new Coordinate(lon + r * stretch * Math.Cos(angle), lat + r * Math.Sin(angle));
        }
        coordinates[^1] = coordinates[0].Copy();
        return Factory.CreatePolygon(coordinates);
    }

    /// <summary>A ~1 km cell whose edges carry small deterministic wiggles.</summary>
    private static Polygon Wiggly(double lon, double lat, int vertices)
    {
        var coordinates = new Coordinate[vertices + 1];
        for (int i = 0; i < vertices; i++)
        {
            double angle = 2 * Math.PI * i / vertices;
            double r = 0.005 * (1 + 0.05 * Math.Sin(37 * angle) + 0.02 * Math.Cos(101 * angle));
            coordinates[i] = new Coordinate(lon + 2.5 * r * Math.Cos(angle), lat + r * Math.Sin(angle));
        }
        coordinates[^1] = coordinates[0].Copy();
        return Factory.CreatePolygon(coordinates);
    }
}
