using System.Text.Json;
using Mesa.Cli.Tests.Support;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Reading;
using Mesa.GeoParquet.Schema;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Pipeline;
using Mesa.Processing.Tests.Workload;
using Mesa.Processing.Workload;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Process;

/// <summary>Workloads that are odd but valid: they process, with outputs that say what was there.</summary>
public sealed class UnusualWorkloadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-cli-unusual-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void No_cells_gives_empty_outputs()
    {
        new TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", 5, 5)
            .AddAssetObject(101, 1, WorkedExampleWorkload.Cell(10.0))
            .Build(_folder);

        var summary = Processed();

        Assert.Equal(0, summary.GetProperty("cells").GetInt64());
        Assert.Equal(0, summary.GetProperty("stacked_rows").GetInt64());
        Assert.Equal(0, summary.GetProperty("flat_rows").GetInt64());
        Assert.Equal(0, Rows(OutputFiles.Flat));
        Assert.True(File.Exists(OutputFiles.PathIn(_folder, OutputFiles.Manifest)));
    }

    [Fact]
    public void Groups_without_objects_give_no_stacked_rows()
    {
        new TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", 5, 5)
            .AddGeocode("c1", "basic_mosaic", WorkedExampleWorkload.Cell(10.0))
            .Build(_folder);

        var summary = Processed();

        Assert.Equal(1, summary.GetProperty("cells").GetInt64());
        Assert.Equal(0, summary.GetProperty("stacked_rows").GetInt64());
        Assert.Equal(0, summary.GetProperty("flat_rows").GetInt64());
        Assert.Equal(0, Rows(OutputFiles.Flat));
    }

    [Fact]
    public void Self_intersecting_empty_and_null_asset_geometries_process()
    {
        new TestWorkloadBuilder()
            .AddAssetGroup(1, "layer_001", 5, 5)
            .AddGeocode("c1", "basic_mosaic", WorkedExampleWorkload.Cell(10.0))
            .Build(_folder);
        // A bow tie across the cell (self-intersecting, invalid), an empty polygon and a null geometry.
        TestWorkloadBuilder.WriteTable(_folder, WorkloadFiles.AssetObject,
        [
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("id"), [1, 2, 3]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("asset_group_name"), ["layer_001", "layer_001", "layer_001"]),
            BinaryColumn.FromStrings(ColumnDescriptor.String("attributes"), [null, null, null]),
            new PrimitiveColumn<long>(ColumnDescriptor.Int64("ref_asset_group"), [1, 1, 1]),
            TestWorkloadBuilder.WkbColumn("geometry",
                "POLYGON ((10.001 60.001, 10.009 60.009, 10.009 60.001, 10.001 60.009, 10.001 60.001))", "POLYGON EMPTY", null),
        ]);

        var summary = Processed();

        Assert.Equal(1, summary.GetProperty("stacked_rows").GetInt64());
        Assert.Equal(1, summary.GetProperty("flat_rows").GetInt64());
        Assert.Equal(0, summary.GetProperty("unevaluated_pairs").GetInt64());
    }

    private JsonElement Processed()
    {
        var result = CliRunner.Run("process", _folder, "--threads", "1");
        CliAssert.Succeeded(result);
        using var summary = JsonDocument.Parse(result.Stdout);
        return summary.RootElement.Clone();
    }

    private long Rows(string table)
    {
        using var reader = ParquetReader.Open(OutputFiles.PathIn(_folder, table));
        return reader.NumRows;
    }
}
