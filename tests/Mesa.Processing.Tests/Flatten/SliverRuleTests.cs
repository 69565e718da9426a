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

    [Fact]
    public void Slivers_still_count_in_index_owa_but_backfill_null()
    {
        // Ranked over both rows, then the sliver is dropped: the kept row keeps its score of 50.
        OwaVector top = OwaVector.FromCounts(WorkedExampleTests.Counts((25, 1)));
        OwaVector low = OwaVector.FromCounts(WorkedExampleTests.Counts((5, 1)));
        long[] index = OwaIndex.Compute([top, low]);
        var backfill = new BackfillAreas();

        backfill.Record("top", 0);
        backfill.Record("low", 1234);

        Assert.Equal(new long[] { 100, 50 }, index);
        Assert.Null(backfill.AreaFor("top"));
        Assert.Equal(1234, backfill.AreaFor("low"));
        Assert.Null(backfill.AreaFor("never flattened"));
    }
}
