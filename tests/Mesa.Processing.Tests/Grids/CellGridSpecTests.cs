using Mesa.Processing.Grids;

namespace Mesa.Processing.Tests.Grids;

public sealed class CellGridSpecTests
{
    [Fact]
    public void Parses_each_kind()
    {
        Assert.Equal(500, Assert.IsType<HexGrid>(CellGridSpec.Parse("hex:500")).CellMetres);
        Assert.Equal(1000, Assert.IsType<SquareGrid>(CellGridSpec.Parse("square:1000")).CellMetres);
        Assert.Equal(6, Assert.IsType<QdgcGrid>(CellGridSpec.Parse("qdgc:6")).Level);
        Assert.Equal(12.5, Assert.IsType<HexGrid>(CellGridSpec.Parse(" HEX: 12.5 ")).CellMetres);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hex")]
    [InlineData("hex:")]
    [InlineData("hex:0")]
    [InlineData("hex:-5")]
    [InlineData("hex:abc")]
    [InlineData("hex:NaN")]
    [InlineData("square:1:2")]
    [InlineData("circle:5")]
    [InlineData("h3:8")]
    [InlineData("qdgc:21")]
    [InlineData("qdgc:-1")]
    [InlineData("qdgc:2.5")]
    public void Anything_else_is_refused_with_the_forms_it_accepts(string text)
    {
        var error = Assert.Throws<FormatException>(() => CellGridSpec.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains("hex:<metres", error.Message);
        Assert.Contains("qdgc:<level", error.Message);
    }
}
