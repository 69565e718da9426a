using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Workload;

public sealed class AreaProjectionTests
{
    [Theory]
    [InlineData("3035", 3035)]
    [InlineData(" EPSG:3035 ", 3035)]
    [InlineData("epsg:4326", 3035)]
    [InlineData("4326", 3035)]
    [InlineData("4258", 3035)]
    [InlineData("", 3035)]
    [InlineData(null, 3035)]
    [InlineData("LAEA", 3035)]
    [InlineData("25833", 25833)]
    [InlineData("EPSG:3857", 3857)]
    public void The_value_is_read_as_MESA_normalises_it(string? value, int epsg) => Assert.Equal(epsg, AreaProjection.Epsg(value));

    [Theory]
    [InlineData("")]
    [InlineData("[DEFAULT]\narea_projection_epsg = 3035\n")]
    [InlineData("[DEFAULT]\narea_projection_epsg = 4326\n")]
    [InlineData("[DEFAULT]\narea_projection_epsg = EPSG:4258\n")]
    public void Projections_that_mean_3035_are_accepted(string text) => AreaProjection.Check(MesaConfig.Parse(text));

    [Fact]
    public void Another_projection_is_refused_naming_the_line_key_and_value()
    {
        var error = Assert.Throws<WorkloadException>(() => AreaProjection.Check(MesaConfig.Parse("[DEFAULT]\n\narea_projection_epsg = 25833\n")));
        Assert.StartsWith("config.ini line 3: [DEFAULT] area_projection_epsg = '25833' asks for areas in EPSG:25833", error.Message);
    }

    [Fact]
    public void A_projection_set_in_tbl_settings_is_refused_naming_tbl_settings()
    {
        var config = MesaConfig.Parse("[DEFAULT]\narea_projection_epsg = 3035\n").WithOverrides([("area_projection_epsg", "3857")], WorkloadFiles.Settings);
        var error = Assert.Throws<WorkloadException>(() => AreaProjection.Check(config));
        Assert.StartsWith($"{WorkloadFiles.Settings}: [DEFAULT] area_projection_epsg = '3857'", error.Message);
    }
}
