using Mesa.Processing.Flatten;

namespace Mesa.Processing.Tests.Flatten;

public sealed class SliverRuleTests
{
    [Theory]
    [InlineData(0, 1.0, true)]
    [InlineData(1, 1.0, false)]
    [InlineData(2, 2.5, true)]
    [InlineData(3, 2.5, false)]
    [InlineData(0, 0.0, false)]
    public void Cells_below_the_minimum_area_are_slivers(long areaM2, double minAreaM2, bool sliver)
    {
        Assert.Equal(sliver, SliverRule.IsSliver(areaM2, minAreaM2));
    }
}
