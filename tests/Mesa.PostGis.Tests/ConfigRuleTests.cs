using Mesa.Processing.Workload;
using static Mesa.PostGis.Tests.TestWorkload;

namespace Mesa.PostGis.Tests;

/// <summary>The reference honours config.ini where MESA does (spec section 11).</summary>
public sealed class ConfigRuleTests
{
    // Bands numbered the other way round on a four-point scale: lowest range first, A takes 1, B 2, C 3, D 4; E none.
    private const string ReversedFourPointConfig = """
        [A]
        range = 1-5
        description =
        [B]
        range = 6-10
        description = Two
        [C]
        range = 11-15
        description = Three
        [D]
        range = 16-20
        description = Four
        [E]
        range = 21-25
        description = Five
        [VALID_VALUES]
        valid_input = 4,3,2,1
        """;

    [Fact]
    public async Task Letters_come_from_the_band_order_and_valid_input_and_empty_descriptions_stay_empty()
    {
        using var workload = new TestWorkload()
            .Config(ReversedFourPointConfig)
            .Group(1, "layer_001", 1, 4, 4, "A", "stored")
            .Group(2, "layer_002", 3, 5, 15, "C", "stored")
            .Cell("c1", Square(0, 0, 0.01))
            .Asset(1, 1, Square(0.001, 0.001, 0.002))
            .Asset(2, 2, Square(0.004, 0.004, 0.002));

        var row = Assert.Single((await TestDatabase.RunAsync(workload.Build())).Flat);

        Assert.Equal((1L, "A", "", 3L, "C", "Three"),
            (row.ImportanceMin, row.ImportanceCodeMin, row.ImportanceDescriptionMin, row.ImportanceMax, row.ImportanceCodeMax, row.ImportanceDescriptionMax));
        // 5 is outside valid_input: no band covers it.
        Assert.Equal((4L, "D", "Four", 5L, (string?)null, (string?)null),
            (row.SusceptibilityMin, row.SusceptibilityCodeMin, row.SusceptibilityDescriptionMin, row.SusceptibilityMax, row.SusceptibilityCodeMax, row.SusceptibilityDescriptionMax));
        Assert.Equal(("A", "", "C", "Three"),
            (row.SensitivityCodeMin, row.SensitivityDescriptionMin, row.SensitivityCodeMax, row.SensitivityDescriptionMax));
    }

    [Fact]
    public void The_default_config_stages_the_letters_5_to_A_down_to_1_to_E() =>
        Assert.Equal(
            [new RatingBand("A", 5, 5), new RatingBand("B", 4, 4), new RatingBand("C", 3, 3), new RatingBand("D", 2, 2), new RatingBand("E", 1, 1)],
            MesaConfig.Defaults.Ratings.Bands);
}
