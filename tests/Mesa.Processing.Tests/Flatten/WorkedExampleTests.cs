using Mesa.Processing.Flatten;

namespace Mesa.Processing.Tests.Flatten;

/// <summary>Spec section 5's worked example, every column of its table.</summary>
public sealed class WorkedExampleTests
{
    [Fact]
    public void Flat_rows_match_the_spec_table()
    {
        Dictionary<string, FlatRow> flat = FlattenHarness.FlattenRows(WorkedExample.Rows());

        Assert.Equal(new[] { "c1", "c2", "c3", "c4" }, flat.Keys.Order(StringComparer.Ordinal));

        Assert.Equal(
            new FlatRow(1, "basic_mosaic", "c1",
                new BandedExtremes(2, 5, "D", "Low", "A", "Very high"),
                new BandedExtremes(2, 25, "E", "Very low", "A", "Very high"),
                new BandedExtremes(1, 5, "E", "Very low", "A", "Very high"),
                "layer_001, layer_003", 2, 3, OwaVector.FromCounts(Counts((25, 2), (2, 1))), 1),
            flat["c1"]);
        Assert.Equal(
            new FlatRow(1, "basic_mosaic", "c2",
                new BandedExtremes(4, 4, "B", "High", "B", "High"),
                new BandedExtremes(16, 16, "B", "High", "B", "High"),
                new BandedExtremes(4, 4, "B", "High", "B", "High"),
                "layer_002", 1, 1, OwaVector.FromCounts(Counts((16, 1))), 2),
            flat["c2"]);
        Assert.Equal(
            new FlatRow(1, "basic_mosaic", "c3",
                new BandedExtremes(0, 0, null, null, null, null),
                new BandedExtremes(0, 0, "", null, "", null),
                new BandedExtremes(0, 0, null, null, null, null),
                "layer_004", 1, 1, default, 3),
            flat["c3"]);
        Assert.Equal(
            new FlatRow(1, "basic_mosaic", "c4",
                new BandedExtremes(2, 4, "D", "Low", "B", "High"),
                new BandedExtremes(2, 16, "E", "Very low", "B", "High"),
                new BandedExtremes(1, 4, "E", "Very low", "B", "High"),
                "layer_002, layer_003", 2, 2, OwaVector.FromCounts(Counts((16, 1), (2, 1))), 4),
            flat["c4"]);
    }

    [Fact]
    public void Index_owa_is_100_50_0_75_with_four_distinct_vectors()
    {
        Dictionary<string, FlatRow> flat = FlattenHarness.FlattenRows(WorkedExample.Rows());
        string[] codes = ["c1", "c2", "c3", "c4"];

        long[] index = OwaIndex.Compute([.. codes.Select(c => flat[c].Owa)]);

        Assert.Equal(new long[] { 100, 50, 0, 75 }, index);
        Assert.Equal(4, codes.Select(c => flat[c].Owa).Distinct().Count());
    }

    [Fact]
    public void Without_the_zero_vector_c2_would_score_33()
    {
        Dictionary<string, FlatRow> flat = FlattenHarness.FlattenRows(WorkedExample.Rows());

        long[] index = OwaIndex.Compute([flat["c1"].Owa, flat["c2"].Owa, flat["c4"].Owa]);

        Assert.Equal(new long[] { 100, 33, 67 }, index);
    }

    /// <summary>Dense n1..n25 from (score, count) pairs.</summary>
    internal static int[] Counts(params (int Score, int Count)[] pairs)
    {
        var counts = new int[OwaVector.MaxScore];
        foreach ((int score, int count) in pairs)
        {
            counts[score - 1] = count;
        }

        return counts;
    }
}
