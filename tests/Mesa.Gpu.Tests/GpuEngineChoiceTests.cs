using Mesa.PostGis;
using Mesa.Processing.Engines;
using Mesa.TestSupport;

namespace Mesa.Gpu.Tests;

/// <summary>How <c>--engine</c> and <c>Mesa:Processing:Engine</c> name the gpu engine, and where the switch for its accelerator is documented.</summary>
public sealed class GpuEngineChoiceTests
{
    [Theory]
    [InlineData("gpu")]
    [InlineData("intersect=gpu")]
    [InlineData("intersect=gpu,flatten=cpu")]
    public void Gpu_computes_intersect_and_leaves_flatten_on_cpu(string text)
    {
        var choice = EngineChoice.Parse(text);

        Assert.Equal(new EngineChoice("gpu", "cpu"), choice);
        Assert.True(choice.NeedsGpu);
        Assert.False(choice.NeedsPostGis);
        var engine = Assert.IsType<GpuEngine>(choice.Create(null, "unused", GpuAccelerator.Cpu));
        Assert.Equal(GpuAccelerator.Cpu, engine.Accelerator);
        Assert.Equal("intersect=gpu,flatten=cpu", engine.Name);
    }

    [Theory]
    [InlineData("flatten=gpu")]
    [InlineData("intersect=gpu,flatten=postgis")]
    public void Flatten_on_the_gpu_engine_is_refused(string text) => Assert.Throws<EngineException>(() => EngineChoice.Parse(text));

    [Fact]
    public void Accelerator_names_parse_and_others_are_refused()
    {
        Assert.Equal(GpuAccelerator.Cuda, GpuAccelerators.Parse(null));
        Assert.Equal(GpuAccelerator.Cuda, GpuAccelerators.Parse("cuda"));
        Assert.Equal(GpuAccelerator.Cpu, GpuAccelerators.Parse(" CPU "));
        Assert.Contains("'opencl'", Assert.Throws<ArgumentException>(() => GpuAccelerators.Parse("opencl")).Message);
    }

    [Fact]
    public void Process_help_names_the_engine_and_the_accelerator_switch()
    {
        var help = CliRunner.Run("process", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--gpu-accelerator", help.Stdout);
        Assert.Contains("intersect=cpu|postgis|gpu", help.Stdout);
    }
}
