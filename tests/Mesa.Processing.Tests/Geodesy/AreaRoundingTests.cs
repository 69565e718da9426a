using Mesa.Processing.Geodesy;

namespace Mesa.Processing.Tests.Geodesy;

/// <summary>area_m2 rounds half-to-even (banker's rounding), not half away from zero.</summary>
public sealed class AreaRoundingTests
{
    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(1.5, 2)]
    [InlineData(2.5, 2)]
    [InlineData(3.5, 4)]
    [InlineData(0.49999999999999994, 0)]
    [InlineData(2.5000000000000004, 3)]
    [InlineData(0.9999, 1)]
    [InlineData(1000000.5, 1000000)]
    [InlineData(1000001.5, 1000002)]
    [InlineData(1234567.4999, 1234567)]
    [InlineData(-0.5, 0)]
    [InlineData(-1.5, -2)]
    [InlineData(0.0, 0)]
    public void Rounds_half_to_even(double area, long expected) =>
        Assert.Equal(expected, LambertAzimuthalEqualAreaEurope.RoundAreaM2(area));
}
