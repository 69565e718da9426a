using Mesa.Processing.Flatten;
using static Mesa.Processing.Tests.Flatten.FlattenHarness;

namespace Mesa.Processing.Tests.Flatten;

public sealed class SegmentTests
{
    [Fact]
    public void Signature_lists_distinct_valid_codes_from_A_to_E()
    {
        SegmentCell cell = Tally(
            Row(sensitivity: 2, sensitivityCode: "E"),
            Row(sensitivity: 25, sensitivityCode: "A"),
            Row(sensitivity: 12, sensitivityCode: " c "),
            Row(sensitivity: 3, sensitivityCode: "E"),
            Row(sensitivity: 0, sensitivityCode: ""),
            Row(sensitivity: null, sensitivityCode: "AB"));

        Assert.Equal("A+C+E", cell.Signature);
        Assert.Equal(6, cell.NAssets);
        Assert.Equal(7.0, cell.SensMean); // 42 / 6, the null counted as 0
    }

    [Fact]
    public void Cells_without_valid_codes_have_an_empty_signature()
    {
        Assert.Equal(new SegmentCell("", 1, 0.0), Tally(Row(sensitivity: 0, sensitivityCode: "")));
        Assert.Equal(new SegmentCell("", 0, 0.0), new SegmentTally().ToCell());
    }

    [Fact]
    public void Sens_mean_rounds_to_four_decimals()
    {
        // 2/3 = 0.666666... -> 0.6667; 1/8 = 0.125 stays; 25/3 = 8.3333...
        Assert.Equal(0.6667, Tally(Row(sensitivity: 2), Row(sensitivity: null), Row(sensitivity: 0)).SensMean);
        Assert.Equal(8.3333, Tally(Row(sensitivity: 25), Row(), Row()).SensMean);
        // 1/16 = 0.0625 exactly: four decimals keep it. 1/32 = 0.03125 -> 0.0312 (half to even).
        Assert.Equal(0.0625, Tally([Row(sensitivity: 1), .. Enumerable.Repeat(Row(sensitivity: 0), 15)]).SensMean);
        Assert.Equal(0.0312, Tally([Row(sensitivity: 1), .. Enumerable.Repeat(Row(sensitivity: 0), 31)]).SensMean);
    }

    [Fact]
    public void Merged_tallies_equal_one_tally()
    {
        StackedFacts[] rows = WorkedExample.Rows().Where(r => r.Code is "c1" or "c4").ToArray();
        var left = new SegmentTally();
        var right = new SegmentTally();
        for (int i = 0; i < rows.Length; i++)
        {
            if (i % 2 == 0)
            {
                left.Add(rows[i]);
            }
            else
            {
                right.Add(rows[i]);
            }
        }

        left.Merge(right);

        Assert.Equal(new SegmentCell("A+B+E", 5, 14.0), left.ToCell());
    }

    [Fact]
    public void Profiles_group_by_zone_and_sort_by_area_descending()
    {
        var builder = new SegmentProfileBuilder();
        builder.Add(new SegmentCell("A+E", 3, 10.6667), 2_000_000);
        builder.Add(new SegmentCell("B", 1, 16), 5_000_000);
        builder.Add(new SegmentCell("A+E", 1, 25), 1_500_000);
        builder.Add(new SegmentCell("", 0, 0), 9_000_000);
        builder.Add(new SegmentCell("", 1, 0), null);

        List<SegmentProfile> profiles = builder.Build("basic_mosaic");

        Assert.Equal(
            new[]
            {
                new SegmentProfile("basic_mosaic", "signatures", "(no overlap)", 2, 9.0, 0.0, 0.5),
                new SegmentProfile("basic_mosaic", "signatures", "B", 1, 5.0, 16.0, 1.0),
                new SegmentProfile("basic_mosaic", "signatures", "A+E", 2, 3.5, 17.8333, 2.0),
            },
            profiles);
    }

    private static SegmentCell Tally(params StackedFacts[] rows)
    {
        var tally = new SegmentTally();
        foreach (StackedFacts row in rows)
        {
            tally.Add(row);
        }

        return tally.ToCell();
    }
}
