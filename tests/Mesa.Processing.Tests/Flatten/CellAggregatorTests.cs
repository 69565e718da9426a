using Mesa.Processing.Flatten;
using Mesa.Processing.Workload;
using static Mesa.Processing.Tests.Flatten.FlattenHarness;

namespace Mesa.Processing.Tests.Flatten;

public sealed class CellAggregatorTests
{
    [Fact]
    public void Shuffled_and_partitioned_rows_merge_to_the_same_rows()
    {
        StackedFacts[] rows = RandomRows(new Random(7), 4000);
        Dictionary<string, FlatRow> expected = FlattenRows(rows);

        for (int seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            StackedFacts[] shuffled = [.. rows];
            random.Shuffle(shuffled);
            int cuts = random.Next(1, 9);
            var partitions = new List<List<CellAggregator>>();
            int start = 0;
            for (int part = 0; part < cuts; part++)
            {
                int end = part == cuts - 1 ? shuffled.Length : random.Next(start, shuffled.Length + 1);
                partitions.Add(Aggregate(shuffled[start..end]));
                start = end;
            }

            var merged = new Dictionary<string, CellAggregator>(StringComparer.Ordinal);
            foreach (CellAggregator aggregator in partitions.AsEnumerable().Reverse().SelectMany(p => p))
            {
                if (merged.TryGetValue(aggregator.Code, out CellAggregator? into))
                {
                    into.Merge(aggregator);
                }
                else
                {
                    merged.Add(aggregator.Code, aggregator);
                }
            }

            Assert.Equal(expected.Count, merged.Count);
            foreach ((string code, CellAggregator aggregator) in merged)
            {
                Assert.Equal(expected[code], aggregator.ToFlatRow(FlatBands.Default));
            }
        }
    }

    [Fact]
    public void First_row_is_the_smallest_sequence_whatever_the_arrival_order()
    {
        var late = new StackedFacts("x", 7, "H3_R8", 1, "layer_001", 5, 5, 25, "A", 10, 70);
        var early = new StackedFacts("x", 3, "QDGC_L6", 2, "layer_002", 1, 1, 1, "E", 2, 30);
        var aggregator = new CellAggregator("x");
        aggregator.Add(late);
        aggregator.Add(early);

        FlatRow row = aggregator.ToFlatRow(FlatBands.Default);

        Assert.Equal((3L, "QDGC_L6", 30), (row.RefGeocodeGroup, row.NameGisGeocodeGroup, row.CellIndex));
    }

    [Fact]
    public void Equal_values_pick_the_smaller_code_for_both_min_and_max()
    {
        FlatRow row = FlattenRows([
            Row(sensitivity: 12, sensitivityCode: "D"),
            Row(sensitivity: 12, sensitivityCode: "C"),
            Row(sensitivity: 12, sensitivityCode: "E"),
        ])["c"];

        Assert.Equal(new BandedExtremes(12, 12, "C", "Moderate", "C", "Moderate"), row.Sensitivity);
    }

    [Fact]
    public void Null_values_sort_last_for_min_and_max()
    {
        FlatRow row = FlattenRows([
            Row(importance: null, sensitivity: null, sensitivityCode: "A"),
            Row(importance: 3, sensitivity: 7, sensitivityCode: "D"),
            Row(importance: 2, sensitivity: 9, sensitivityCode: "D"),
        ])["c"];

        Assert.Equal(new BandedExtremes(2, 3, "D", "Low", "C", "Moderate"), row.Importance);
        Assert.Equal(new BandedExtremes(7, 9, "D", "Low", "D", "Low"), row.Sensitivity);
    }

    [Fact]
    public void All_null_values_take_the_row_with_the_smallest_code_and_null_codes_last()
    {
        FlatRow row = FlattenRows([
            Row(sensitivity: null, sensitivityCode: null),
            Row(sensitivity: null, sensitivityCode: "B"),
            Row(sensitivity: null, sensitivityCode: ""),
        ])["c"];

        Assert.Equal(new BandedExtremes(null, null, "", null, "", null), row.Sensitivity);
        Assert.Equal(new BandedExtremes(null, null, null, null, null, null), row.Importance);
    }

    [Fact]
    public void Stored_sensitivity_code_is_trimmed_and_upper_cased()
    {
        FlatRow row = FlattenRows([Row(sensitivity: 18, sensitivityCode: " b ")])["c"];

        Assert.Equal(new BandedExtremes(18, 18, "B", "High", "B", "High"), row.Sensitivity);
    }

    [Theory]
    [InlineData(5, "A")]
    [InlineData(4, "B")]
    [InlineData(3, "C")]
    [InlineData(2, "D")]
    [InlineData(1, "E")]
    [InlineData(0, null)]
    [InlineData(6, null)]
    [InlineData(-1, null)]
    public void Importance_and_susceptibility_map_5_to_A_down_to_1_to_E(int value, string? code)
    {
        FlatRow row = FlattenRows([Row(importance: value, susceptibility: value)])["c"];

        Assert.Equal(code, row.Importance.CodeMax);
        Assert.Equal(code, row.Susceptibility.CodeMin);
        Assert.Equal(value, row.Importance.Max);
    }

    [Fact]
    public void Unknown_code_gives_a_null_description_and_an_empty_band_description_stays_empty()
    {
        FlatBands bands = new(MesaConfig.Defaults.Bands.Select(b => b.Code == "C" ? b with { Description = "" } : b).ToList(), MesaConfig.Defaults.Ratings);

        FlatRow row = FlattenRows([
            Row(importance: 3, sensitivity: 30, sensitivityCode: "z"),
            Row(importance: 3, sensitivity: 1, sensitivityCode: "X1"),
        ], bands)["c"];

        Assert.Equal(new BandedExtremes(1, 30, "X1", null, "Z", null), row.Sensitivity);
        // MESA's description map holds every band's (stripped) text, "" included (spec section 11).
        Assert.Equal(new BandedExtremes(3, 3, "C", "", "C", ""), row.Importance);
    }

    [Fact]
    public void Counts_distinct_groups_and_sorts_distinct_names_ordinally()
    {
        FlatRow row = FlattenRows([
            Row(refAssetGroup: 7, name: "layer_007"),
            Row(refAssetGroup: 2, name: "layer_002"),
            Row(refAssetGroup: 7, name: "layer_007"),
            Row(refAssetGroup: 9, name: "Layer_010"),
            Row(refAssetGroup: 2, name: "layer_002"),
        ])["c"];

        Assert.Equal("Layer_010, layer_002, layer_007", row.AssetGroupNames);
        Assert.Equal(3, row.AssetGroupsTotal);
        Assert.Equal(5, row.AssetsOverlapTotal);
    }

    [Fact]
    public void Owa_counts_ignore_sensitivities_outside_1_to_25()
    {
        FlatRow row = FlattenRows([
            Row(sensitivity: 0), Row(sensitivity: 26), Row(sensitivity: null), Row(sensitivity: -3),
            Row(sensitivity: 1), Row(sensitivity: 25), Row(sensitivity: 25),
        ])["c"];

        Assert.Equal(1, row.Owa.Count(1));
        Assert.Equal(2, row.Owa.Count(25));
        Assert.Equal(0, row.Owa.Count(12));
        Assert.Equal(OwaVector.FromCounts(WorkedExampleTests.Counts((1, 1), (25, 2))), row.Owa);
    }

    [Fact]
    public void Rows_and_merges_of_another_code_are_refused()
    {
        var aggregator = new CellAggregator("a");

        Assert.Throws<ArgumentException>(() => aggregator.Add(Row(code: "b")));
        Assert.Throws<ArgumentException>(() => aggregator.Merge(new CellAggregator("b")));
        Assert.Throws<InvalidOperationException>(() => aggregator.ToFlatRow(FlatBands.Default));
    }

    private static StackedFacts[] RandomRows(Random random, int count)
    {
        string?[] codes = ["A", "B", "C", "D", "E", " c ", "", null, "x"];
        var rows = new StackedFacts[count];
        for (int i = 0; i < count; i++)
        {
            int group = random.Next(12);
            rows[i] = new StackedFacts(
                $"cell_{random.Next(60)}",
                random.Next(3),
                $"geocode_{random.Next(3)}",
                group,
                $"layer_{group:000}",
                MaybeNull(random, random.Next(0, 7)),
                MaybeNull(random, random.Next(0, 7)),
                MaybeNull(random, random.Next(-1, 27)),
                codes[random.Next(codes.Length)],
                i,
                random.Next(1000));
        }

        return rows;
    }

    private static int? MaybeNull(Random random, int value) => random.Next(8) == 0 ? null : value;
}
