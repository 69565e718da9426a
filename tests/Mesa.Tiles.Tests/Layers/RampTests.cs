using System.Text.Json;
using Mesa.Tiles.Layers;

namespace Mesa.Tiles.Tests.Layers;

/// <summary>The count ramps and numpy's default percentile.</summary>
public sealed class RampTests
{
    [Theory]
    // Values from numpy.percentile(a, q) (method='linear').
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 99, 9.91)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 50, 5.5)]
    [InlineData(new double[] { 1, 100 }, 99, 99.01)]
    [InlineData(new double[] { 7 }, 99, 7)]
    [InlineData(new double[] { 1, 1, 1, 1000 }, 99, 970.03)]
    [InlineData(new double[] { 2, 4 }, 0, 2)]
    [InlineData(new double[] { 2, 4 }, 100, 4)]
    public void Percentile_interpolates_linearly_between_ranks(double[] sorted, double q, double expected) =>
        Assert.Equal(expected, Percentile.Linear(sorted, q), 9);

    [Theory]
    [InlineData(99)]
    [InlineData(50)]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(37.5)]
    public void Percentile_of_counted_values_equals_that_of_the_sorted_values(double q)
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 5000).Select(_ => (long)random.Next(0, 40) * random.Next(0, 3)).ToList();
        var counts = values.GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());

        Assert.Equal(Percentile.Linear(values.Order().Select(v => (double)v).ToList(), q), Percentile.Linear(counts, q), 12);
    }

    [Fact]
    public void Linear_ramp_spans_the_groups_min_to_max()
    {
        var ramp = CountRamp.Linear([3, 1, null, 5])!;

        Assert.Equal((1.0, 5.0), (ramp.Low, ramp.High));
        Assert.Equal("#dcebff", Rgba.ToHex(ramp.Of(1)));
        Assert.Equal("#08306b", Rgba.ToHex(ramp.Of(5)));
        // t = 0.5: (220+8)/2 = 114, (235+48)/2 = 141.5 -> 142 (half to even), (255+107)/2 = 181.
        Assert.Equal(Rgba.Opaque(114, 142, 181), ramp.Of(3));
        Assert.Equal(Rgba.Transparent, ramp.Of(null));
    }

    [Fact]
    public void A_group_with_one_value_paints_the_ramp_end()
    {
        var ramp = CountRamp.Linear([4, 4])!;
        Assert.Equal("#08306b", Rgba.ToHex(ramp.Of(4)));
        Assert.Null(CountRamp.Linear([null]));
    }

    [Fact]
    public void Log_ramp_tops_out_at_the_99th_percentile_and_clamps_beyond()
    {
        // 1..100 and one 10000: p99 of 101 values sits at position 100 * 0.99 = 99, the value 100; 10000 is clamped.
        long?[] values = [.. Enumerable.Range(1, 100).Select(v => (long?)v), 10000];
        var ramp = CountRamp.Log1p(values)!;

        Assert.Equal(1, ramp.Low);
        Assert.Equal(100, ramp.High, 9);
        Assert.Equal("#08306b", Rgba.ToHex(ramp.Of(10000)));
        Assert.Equal("#08306b", Rgba.ToHex(ramp.Of(100)));
        Assert.Equal("#dcebff", Rgba.ToHex(ramp.Of(1)));
        // log1p(10) = 2.3979, log1p(1) = 0.6931, log1p(100) = 4.6151: t = 1.7048 / 3.9220 = 0.4347.
        Assert.Equal(0.4347, ramp.T(10), 4);
    }

    [Fact]
    public void Ramp_metadata_names_scale_range_and_a_five_stop_legend()
    {
        var metadata = CountRamp.Log1p([0, 3])!.Metadata().ToDictionary(e => e.Key, e => e.Value);

        Assert.Equal("log1p", metadata["mesa_scale"]);
        Assert.Equal("0", metadata["mesa_value_min"]);
        Assert.Equal("2.97", metadata["mesa_value_max"]); // p99 of [0, 3]
        using var legend = JsonDocument.Parse(metadata["mesa_legend"]);
        var stops = legend.RootElement.EnumerateArray().Select(e => (e.GetProperty("value").GetDouble(), e.GetProperty("color").GetString())).ToList();
        Assert.Equal(5, stops.Count);
        Assert.Equal((0.0, "#dcebff"), stops[0]);
        Assert.Equal((2.97, "#08306b"), stops[^1]);
        // t = 0.5 on log1p: expm1(log1p(2.97) / 2) = sqrt(3.97) - 1 = 0.992.
        Assert.Equal(0.992, stops[2].Item1);
        Assert.Equal(Rgba.ToHex(Rgba.Opaque(114, 142, 181)), stops[2].Item2);
    }
}
