using Mesa.Cli.Pipeline;
using Mesa.Tiles;

namespace Mesa.Cli.Tests.Pipeline;

public sealed class MethodWarmupTests
{
    [Fact]
    public async Task Every_method_of_the_tiles_assembly_compiles_ahead_of_its_first_call()
    {
        var warmup = MethodWarmup.Start(typeof(TilesStage).Assembly);

        await warmup.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(warmup.IsCompletedSuccessfully);
    }
}
