using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Schema;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Workload;

public sealed class MesaWorkloadTests : IDisposable
{
    private const string Square = "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))";

    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-workload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TestWorkloadBuilder WithGroups(params (int? Importance, int? Susceptibility)[] groups)
    {
        var builder = new TestWorkloadBuilder();
        for (var i = 0; i < groups.Length; i++) builder.AddAssetGroup(i + 1, $"layer_{i + 1:000}", groups[i].Importance, groups[i].Susceptibility);
        return builder.AddAssetObject(1, 1, Square).AddGeocode("c1", "basic_mosaic", Square);
    }

    [Fact]
    public void Load_applies_tbl_settings_over_config_ini_DEFAULT()
    {
        var folder = WithGroups((5, 5))
            .WithConfig("[DEFAULT]\ntiles_maxzoom = 11\nsegment_geocode_layer = basic_mosaic\n[A]\ncategory_colour = #000000\n")
            .AddSetting("tiles_maxzoom", "9")
            .AddSetting("segment_geocode_layer", "H3_R8")
            .Build(_folder);
        var workload = MesaWorkload.Load(folder);
        Assert.Equal(folder, workload.Folder);
        Assert.Equal(9, workload.Config.GetDefaultInt32("tiles_maxzoom"));
        Assert.Equal(6, workload.Config.GetDefaultInt32("tiles_minzoom"));
        Assert.Equal("H3_R8", workload.Config.GetDefault("segment_geocode_layer"));
        Assert.Equal("#000000", workload.Config.FindBand("A")!.Colour);
        workload.Preflight();
    }

    [Fact]
    public void A_malformed_setting_is_named_by_the_settings_table()
    {
        var folder = WithGroups((5, 5)).AddSetting("tiles_minzoom", "low").Build(_folder);
        var error = Assert.Throws<WorkloadException>(() => MesaWorkload.Load(folder).Config.GetDefaultInt32("tiles_minzoom"));
        Assert.StartsWith(WorkloadFiles.Settings + ": [DEFAULT] tiles_minzoom = 'low'", error.Message);
    }

    [Fact]
    public void A_missing_config_ini_is_refused()
    {
        var folder = WithGroups((5, 5)).WithConfig(null).Build(_folder);
        Assert.StartsWith("config.ini is missing", Assert.Throws<WorkloadException>(() => MesaWorkload.Load(folder)).Message);
    }

    [Fact]
    public void A_missing_folder_or_required_table_is_refused()
    {
        Assert.Contains("does not exist", Assert.Throws<WorkloadException>(() => MesaWorkload.Load(Path.Combine(_folder, "nope"))).Message);
        var folder = WithGroups((5, 5)).Without(WorkloadFiles.AssetGroup).Without(WorkloadFiles.AssetObject).Build(_folder);
        Assert.Equal(
            "output/geoparquet/tbl_asset_object.parquet, output/geoparquet/tbl_asset_group.parquet are missing: the workload must contain output/geoparquet/tbl_asset_object.parquet, output/geoparquet/tbl_asset_group.parquet, output/geoparquet/tbl_geocode_object.parquet.",
            Assert.Throws<WorkloadException>(() => MesaWorkload.Load(folder)).Message);
    }

    [Fact]
    public void Preflight_passes_when_one_group_of_many_can_be_assessed()
    {
        MesaWorkload.Load(WithGroups((0, 0), (null, 3), (2, 1), (6, 5)).Build(_folder)).Preflight();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(null, null)]
    [InlineData(5, 0)]
    [InlineData(6, 5)]
    [InlineData(3, null)]
    public void Preflight_refuses_when_no_group_can_be_assessed(int? importance, int? susceptibility)
    {
        var workload = MesaWorkload.Load(WithGroups((importance, susceptibility), (0, 0)).Build(_folder));
        var error = Assert.Throws<WorkloadException>(workload.Preflight);
        Assert.StartsWith("output/geoparquet/tbl_asset_group.parquet: sensitivity cannot be computed: none of the 2 asset groups", error.Message);
    }

    [Fact]
    public void Preflight_checks_table_columns_and_that_tables_are_still_there()
    {
        var folder = WithGroups((5, 5)).Build(_folder);
        var workload = MesaWorkload.Load(folder);
        TestWorkloadBuilder.WriteTable(folder, WorkloadFiles.GeocodeObject,
        [
            BinaryColumn.FromStrings(ColumnDescriptor.String("code"), ["c1"]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("name_gis_geocodegroup"), ["basic_mosaic"]),
            TestWorkloadBuilder.WkbColumn("geometry", Square),
        ]);
        Assert.StartsWith("output/geoparquet/tbl_geocode_object.parquet: required column 'ref_geocodegroup' is missing",
            Assert.Throws<WorkloadException>(workload.Preflight).Message);
        File.Delete(WorkloadFiles.PathIn(folder, WorkloadFiles.GeocodeObject));
        Assert.StartsWith("output/geoparquet/tbl_geocode_object.parquet is missing", Assert.Throws<WorkloadException>(workload.Preflight).Message);
    }
}
