using static Mesa.PostGis.Tests.TestWorkload;

namespace Mesa.PostGis.Tests.Parity;

/// <summary>
/// A small workload made of the cases where two implementations of spec sections 4 and 5 are most
/// likely to part: duplicate cells, a code shared by two geocode layers, a repeated group id, an
/// object without a group, stored codes needing trim and upper-case, an importance outside 1..5,
/// an invalid (bow-tie) asset, raw points inside and on an edge, a raw line, overlaps of 0.99 and
/// 1.01 m^2 in EPSG:3857, a high-latitude overlap under 1 m^2 on the ground but over it in Web
/// Mercator, a cell in an asset's hole, a cell deep inside an asset and a sliver cell.
/// </summary>
internal static class QuirkWorkload
{
    private const double Side = 0.01;

    // The EPSG:3857 area of Box(x, 0.001, x + w, 0.0011) is w times about 1.2391e6 m^2 per degree.
    private const double UnderOneSquareMetre = 7.989e-7, OverOneSquareMetre = 8.150e-7;

    public static TestWorkload Build() => new TestWorkload()
        .Group(1, "layer_001", 5, 5, 25, "A", "Very high")
        .Group(2, "layer_002", 4, 4, 16, " b ", "High")
        .Group(3, "layer_003", 7, 2, 14, "C", "Moderate")
        .Group(4, "layer_004", 0, 0, 0, "", null)
        .Group(1, "layer_005", 1, 1, 1, "E", "Very low")
        // q1 twice in one layer: only the first is evaluated, so the asset over the second stacks nowhere.
        .Cell("q1", Square(0.00, 0, Side))
        .Cell("q1", Square(0.50, 0, Side))
        .Asset(1, 1, Square(0.002, 0.002, 0.004))
        .Asset(2, 2, Square(0.502, 0.002, 0.004))
        // q2 in two layers: one tbl_flat row whose first row is the H3_R8 cell's, staged first.
        .Cell("q2", Square(0.02, 0.02, Side), "H3_R8", 2)
        .Cell("q2", Square(0.02, 0, Side))
        .Asset(3, 2, Box(0.021, 0.001, 0.029, 0.029))
        .Asset(4, 3, Square(0.022, 0.022, 0.002))
        // q3: a bow-tie asset, invalid input for the exact intersection.
        .Cell("q3", Square(0.04, 0, Side))
        .Asset(5, 1, "POLYGON ((0.041 0.001, 0.049 0.009, 0.049 0.001, 0.041 0.009, 0.041 0.001))")
        // q4: a raw point inside, a raw point on the west edge and a raw line across.
        .Cell("q4", Square(0.06, 0, Side))
        .Asset(6, 2, "POINT (0.065 0.005)")
        .Asset(7, 1, "POINT (0.06 0.005)")
        .Asset(8, 1, "LINESTRING (0.055 0.003, 0.075 0.004)")
        // q5: overlaps just under and just over 1 m^2 in Web Mercator, and an object whose group is missing.
        .Cell("q5", Square(0.08, 0, Side))
        .Asset(9, 1, Box(0.09 - UnderOneSquareMetre, 0.001, 0.095, 0.0011))
        .Asset(10, 3, Box(0.09 - OverOneSquareMetre, 0.005, 0.095, 0.0051))
        .Asset(11, 99, Square(0.083, 0.003, 0.002))
        // q6 at 70 N: about 0.35 m^2 on the ground, 3 m^2 in Web Mercator.
        .Cell("q6", Square(20.00, 70, Side))
        .Asset(12, 2, Box(20.01 - 8.28e-6, 70.001, 20.02, 70.00101))
        // q7 lies in an asset's hole; q8 deep inside an asset, out of reach of its boundary.
        .Cell("q7", Square(0.12, 0, Side))
        .Asset(13, 4, "POLYGON ((0.11 -0.01, 0.14 -0.01, 0.14 0.02, 0.11 0.02, 0.11 -0.01), (0.119 -0.001, 0.119 0.011, 0.131 0.011, 0.131 -0.001, 0.119 -0.001))")
        .Cell("q8", Square(0.20, 0, Side))
        .Asset(14, 4, Box(0.15, -0.05, 0.25, 0.05))
        // q9 at 70 N: about 0.4 m^2 in ETRS89-LAEA but 3.6 m^2 in Web Mercator, so it stacks and is then
        // dropped from tbl_flat as a sliver after counting towards index_owa.
        .Cell("q9", Square(20.30, 70, 1e-5))
        .Asset(15, 3, Square(20.299, 69.999, 0.002));
}
