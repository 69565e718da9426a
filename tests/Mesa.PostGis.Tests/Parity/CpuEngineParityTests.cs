using Mesa.Processing.Grids;
using Mesa.Processing.Import;
using Mesa.Processing.Synthetic;
using Mesa.Processing.Tests.Import;
using Mesa.Processing.Workload;

namespace Mesa.PostGis.Tests.Parity;

/// <summary>
/// The in-process cpu engine and the PostGIS reference, two independent implementations of spec
/// sections 3 to 5, run on the same workloads and required to agree: the same data extent area,
/// the same tbl_stacked pairs and the same tbl_flat rows in all 27 columns.
/// </summary>
public sealed class CpuEngineParityTests
{
    /// <summary>Hexagons of about 1 km: a few thousand cells per sample, every asset edge crossing many of them.</summary>
    private const string SampleGrid = "hex:1000";

    [Theory]
    [MemberData(nameof(SampleData.Names), MemberType = typeof(SampleData))]
    public async Task Sample_package_gives_the_same_tables_on_both_engines(string sample)
    {
        using var folder = new TemporaryFolder();
        SampleWorkload.Build(SampleData.Folder(sample), CellGridSpec.Parse(SampleGrid), folder.Path);

        await AssertEnginesAgreeAsync(folder.Path);
    }

    [Fact]
    public async Task Synthetic_workload_gives_the_same_tables_on_both_engines()
    {
        using var folder = new TemporaryFolder();
        SyntheticWorkload.Generate(folder.Path, new SyntheticOptions(TargetBytes: 2_000_000, Seed: 7, Cells: 20_000));

        await AssertEnginesAgreeAsync(folder.Path);
    }

    [Fact]
    public async Task Workload_of_edge_cases_gives_the_same_tables_on_both_engines()
    {
        using var workload = QuirkWorkload.Build();

        await AssertEnginesAgreeAsync(workload.Build());
    }

    [Fact]
    public async Task Synthetic_workload_with_a_non_default_config_gives_the_same_tables_on_both_engines()
    {
        using var folder = new TemporaryFolder();
        SyntheticWorkload.Generate(folder.Path, new SyntheticOptions(TargetBytes: 500_000, Seed: 11, Cells: 5_000));
        // Bands reversed, a three-point scale (4 and 5 get no letter) and empty descriptions.
        const string config = """
            [DEFAULT]
            mesa_version = 5.6.0
            area_projection_epsg = EPSG:4258
            [A]
            range = 1-5
            description =
            [B]
            range = 6-10
            description =
            [C]
            range = 11-15
            description = Middle
            [D]
            range = 16-20
            [E]
            range = 21-25
            [VALID_VALUES]
            valid_input = 1,2,3
            """;
        File.WriteAllText(Path.Combine(folder.Path, WorkloadFiles.Config), config);

        await AssertEnginesAgreeAsync(folder.Path);
    }

    private static async Task AssertEnginesAgreeAsync(string workload)
    {
        var cpu = CpuEngineRun.Of(workload);
        var postGis = await TestDatabase.RunAsync(workload);

        Assert.NotEmpty(postGis.Stacked);
        // GEOS and NetTopologySuite may place a union's vertices differently in the last bits; the areas agree far closer than a m^2.
        Assert.Equal(postGis.DataExtentKm2, cpu.DataExtentKm2, tolerance: postGis.DataExtentKm2 * 1e-9);
        await EngineParity.AssertSameStackedAsync(workload, cpu.Stacked, postGis.Stacked);
        EngineParity.AssertSameFlat(cpu.FlatColumnNames, cpu.Flat, postGis.Flat);
    }
}
