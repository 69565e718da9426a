using Mesa.Processing.Workload;
using Mesa.Tiles.Layers;

namespace Mesa.Tiles.Tests.Layers;

/// <summary>The colour rules of spec section 8's table, one cell at a time.</summary>
public sealed class ColourRuleTests
{
    private static readonly MesaConfig Config = MesaConfig.Defaults;

    [Theory]
    [InlineData("A", null, "#bd0026")]
    [InlineData(" c ", 1.0, "#fd8d3c")] // the code wins over the value, trimmed and case-insensitive
    [InlineData(null, 17.0, "#f03b20")] // no code: the band whose range holds the value
    [InlineData("", 3.0, "#ffffb2")]
    [InlineData(null, 20.5, "#f03b20")] // rounded half to even into B's 16-20
    [InlineData(null, 20.6, "#bd0026")]
    public void Sensitivity_paints_the_band_colour(string? code, double? value, string colour) =>
        Assert.Equal(colour, Rgba.ToHex(SensitivityColours.Of(code, value, Config)));

    [Theory]
    [InlineData("X", 25.0)] // an unknown code is not second-guessed from the value
    [InlineData(null, 0.0)] // not assessed: in no band
    [InlineData(null, null)]
    public void Sensitivity_without_a_band_is_transparent(string? code, double? value) =>
        Assert.Equal(Rgba.Transparent, SensitivityColours.Of(code, value, Config));

    [Fact]
    public void Sensitivity_uses_the_configured_band_colours()
    {
        var config = MesaConfig.Parse("[A]\nrange = 21-25\ndescription = x\ncategory_colour = #010203\n");
        Assert.Equal(Rgba.Opaque(1, 2, 3), SensitivityColours.Of(null, 22, config));
    }

    [Theory]
    [InlineData(1.0, "#7fbf7f")]
    [InlineData(2.0, "#5fbf5f")]
    [InlineData(3.0, "#3e9f4e")]
    [InlineData(4.0, "#1f7f3d")]
    [InlineData(5.0, "#0f5f2c")]
    [InlineData(4.5, "#1f7f3d")] // round half to even
    [InlineData(0.0, "#7fbf7f")]
    [InlineData(7.0, "#7fbf7f")]
    public void Importance_paints_its_green(double value, string colour) =>
        Assert.Equal(colour, Rgba.ToHex(ImportanceColours.Of(value)));

    [Fact]
    public void Importance_null_is_transparent() => Assert.Equal(Rgba.Transparent, ImportanceColours.Of(null));

    [Fact]
    public void Owa_runs_from_the_E_colour_to_the_A_colour_and_zero_paints_E()
    {
        var owa = new OwaGradient(Config);
        Assert.Equal("#ffffb2", Rgba.ToHex(owa.Of(1)));
        Assert.Equal("#ffffb2", Rgba.ToHex(owa.Of(0)));
        Assert.Equal("#bd0026", Rgba.ToHex(owa.Of(100)));
        Assert.Equal("#bd0026", Rgba.ToHex(owa.Of(250)));
        Assert.Equal(Rgba.Transparent, owa.Of(null));
        // Step 49 sits at 49/99*4 = 1.9798 between D (#fecc5c) and C (#fd8d3c): 0.0202 of D, 0.9798 of C.
        Assert.Equal(Rgba.Opaque(253, 142, 61), owa.Of(50));
    }

    [Theory]
    [InlineData("A", 178, 24, 43)]
    [InlineData("A+B", 202, 70, 65)] // (3*178+2*239)/5 = 202.4, (3*24+2*138)/5 = 69.6, (3*43+2*98)/5 = 65
    [InlineData("C+D+E", 112, 157, 193)] // (200+103+33)/3 = 112, (200+169+102)/3 = 157, (200+207+172)/3 = 193
    [InlineData("A+C+E", 153, 75, 100)] // (534+200+33)/5 = 153.4, (72+200+102)/5 = 74.8, (129+200+172)/5 = 100.2
    public void Signatures_paint_the_weighted_mean(string signature, int r, int g, int b) =>
        Assert.Equal(Rgba.ToHex(Rgba.Opaque(r, g, b)), Rgba.ToHex(SignatureColours.Of(signature)));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Z")]
    public void Empty_or_unknown_signatures_are_transparent(string? signature) =>
        Assert.Equal(Rgba.Transparent, SignatureColours.Of(signature));
}
