using Mesa.Processing.Pipeline;

namespace Mesa.Processing.Tests.Pipeline;

public sealed class DeterminismTests
{
    [Fact]
    public void Outputs_are_byte_identical_whatever_the_thread_count_and_input_row_groups()
    {
        using var single = PipelineRun.Of(RandomWorkload.Build(seed: 7), threads: 1);
        using var parallel = PipelineRun.Of(RandomWorkload.Build(seed: 7).WithRowGroupSize(777), threads: 4);

        Assert.True(single.Report.Intersect.StackedRows > 1000, $"only {single.Report.Intersect.StackedRows} stacked rows");
        Assert.True(single.Report.Intersect.Cells > 2 * IntersectPartitionSize);
        var files = single.Report.Manifest.Files;
        Assert.Equal(files.Select(f => (f.Path, f.Sha256)), parallel.Report.Manifest.Files.Select(f => (f.Path, f.Sha256)));
        Assert.Contains(files, f => f.Path == OutputFiles.Flat);
    }

    private const int IntersectPartitionSize = Mesa.Processing.Intersect.IntersectStage.PartitionSize;
}
