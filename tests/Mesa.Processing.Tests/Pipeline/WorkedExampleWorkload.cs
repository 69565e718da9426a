using Mesa.Processing.Tests.Workload;

namespace Mesa.Processing.Tests.Pipeline;

/// <summary>
/// The worked example of spec section 5 as real geometry: four 0.01-degree cells near 10E 60N,
/// G1..G4 as the spec's groups, and asset polygons arranged so that c1 meets two G1 objects and
/// one G3 object, c2 one G2 object (a G3 object only touches its east edge), c3 one G4 object
/// and c4 one G2 and one G3 object.
/// </summary>
internal static class WorkedExampleWorkload
{
    public static string Cell(double west) => Box(west, 60.0, west + 0.01, 60.01);

    public static string Box(double west, double south, double east, double north) =>
        FormattableString.Invariant($"POLYGON (({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))");

    public static TestWorkloadBuilder Build() => new TestWorkloadBuilder()
        .AddAssetGroup(1, "layer_001", 5, 5)
        .AddAssetGroup(2, "layer_002", 4, 4)
        .AddAssetGroup(3, "layer_003", 2, 1)
        .AddAssetGroup(4, "layer_004", 0, 0)
        .AddAssetObject(101, 1, Box(10.001, 60.001, 10.006, 60.006))
        .AddAssetObject(102, 1, Box(10.004, 60.004, 10.009, 60.009))
        .AddAssetObject(301, 3, Box(9.995, 60.002, 10.003, 60.003))
        .AddAssetObject(201, 2, Box(10.022, 60.002, 10.028, 60.008))
        .AddAssetObject(302, 3, Box(10.03, 60.002, 10.035, 60.008))
        .AddAssetObject(401, 4, Box(10.041, 60.001, 10.049, 60.009))
        .AddAssetObject(202, 2, Box(10.061, 60.001, 10.065, 60.009))
        .AddAssetObject(303, 3, Box(10.064, 60.001, 10.069, 60.009))
        .AddGeocode("c1", "basic_mosaic", Cell(10.00))
        .AddGeocode("c2", "basic_mosaic", Cell(10.02))
        .AddGeocode("c3", "basic_mosaic", Cell(10.04))
        .AddGeocode("c4", "basic_mosaic", Cell(10.06));
}
