using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Workload;

/// <summary>
/// Importance and susceptibility letters as MESA derives them (processing_internal.py,
/// derive_value_class_ranges): bands lowest sensitivity first, valid_input cut into runs of
/// max(1, values / bands), the last band taking the rest.
/// </summary>
public sealed class RatingBandsTests
{
    private const string Bands = "[A]\nrange = 21-25\n[B]\nrange = 16-20\n[C]\nrange = 11-15\n[D]\nrange = 6-10\n[E]\nrange = 1-5\n";

    private static RatingBands Ratings(string validInput, string bands = Bands) =>
        MesaConfig.Parse($"{bands}[VALID_VALUES]\nvalid_input = {validInput}\n").Ratings;

    [Theory]
    [InlineData(5, "A")]
    [InlineData(4, "B")]
    [InlineData(3, "C")]
    [InlineData(2, "D")]
    [InlineData(1, "E")]
    [InlineData(0, null)]
    [InlineData(6, null)]
    [InlineData(null, null)]
    public void The_defaults_map_5_to_A_down_to_1_to_E(int? value, string? code) =>
        Assert.Equal(code, MesaConfig.Defaults.Ratings.CodeOf(value));

    [Fact]
    public void Ten_values_give_each_band_two_lowest_band_first()
    {
        var ratings = Ratings("1,2,3,4,5,6,7,8,9,10");
        string[] lowestFirst = ["E", "D", "C", "B", "A"];
        for (var v = 1; v <= 10; v++) Assert.Equal(lowestFirst[(v - 1) / 2], ratings.CodeOf(v));
        Assert.Null(ratings.CodeOf(11));
    }

    [Fact]
    public void Three_values_fill_the_three_lowest_bands_and_leave_A_and_B_empty()
    {
        var ratings = Ratings("1, 2, 3");
        Assert.Equal(["E", "D", "C", null], new int?[] { 1, 2, 3, 4 }.Select(ratings.CodeOf));
        Assert.Equal(["C", "D", "E"], ratings.Bands.Select(b => b.Code));
    }

    [Fact]
    public void Seven_values_give_the_last_band_the_rest()
    {
        var ratings = Ratings("7,6,5,4,3,2,1");
        Assert.Equal(["E", "D", "C", "B", "A", "A", "A"], Enumerable.Range(1, 7).Select(v => ratings.CodeOf(v)));
    }

    [Fact]
    public void A_band_covers_its_run_from_first_to_last_value_so_gaps_between_runs_have_no_letter()
    {
        // Twelve values in runs of two: E gets 0 and 10, D 20 and 30 ...; the last band takes 80..110.
        var ratings = Ratings("0,10,20,30,40,50,60,70,80,90,100,110");
        Assert.Equal("E", ratings.CodeOf(5));
        Assert.Null(ratings.CodeOf(15));
        Assert.Equal("D", ratings.CodeOf(25));
        Assert.Equal("A", ratings.CodeOf(95));
        Assert.Null(ratings.CodeOf(75));
    }

    [Fact]
    public void Reversed_band_ranges_reverse_the_letters()
    {
        var ratings = Ratings("1,2,3,4,5", "[A]\nrange = 1-5\n[B]\nrange = 6-10\n[C]\nrange = 11-15\n[D]\nrange = 16-20\n[E]\nrange = 21-25\n");
        Assert.Equal(["A", "B", "C", "D", "E"], Enumerable.Range(1, 5).Select(v => ratings.CodeOf(v)));
    }

    [Fact]
    public void Bands_starting_at_the_same_value_keep_config_order()
    {
        // A and B both start at 1: A comes first, as Python's stable sort keeps it.
        var ratings = Ratings("1,2,3,4,5", "[A]\nrange = 1-25\n[B]\nrange = 1-20\n[C]\nrange = 11-15\n[D]\nrange = 6-10\n[E]\nrange = 2-5\n");
        Assert.Equal(["A", "B", "E", "D", "C"], Enumerable.Range(1, 5).Select(v => ratings.CodeOf(v)));
    }

    [Theory]
    [InlineData("1,2,3,4,-5")]
    [InlineData("1,2,3,4,5,")]
    [InlineData("1,2,3,4,+5")]
    public void Items_MESA_would_skip_are_refused_rather_than_dropped(string validInput)
    {
        var error = Assert.Throws<WorkloadException>(() => Ratings(validInput));
        Assert.Contains($"valid_input = '{validInput}'", error.Message);
    }
}
