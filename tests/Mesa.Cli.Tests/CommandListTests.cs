using Mesa.Cli.Tests.Support;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests;

/// <summary>The command list a run builds from: names that match their commands, help that lists them all.</summary>
public sealed class CommandListTests
{
    [Fact]
    public void Every_name_is_the_name_of_the_command_it_builds()
    {
        Assert.All(CommandList.All, entry => Assert.Equal(entry.Name, entry.Create().Name));
        Assert.Equal(CommandList.All.Count, CommandList.All.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void A_run_naming_a_command_builds_only_that_one()
    {
        Assert.Equal(["process"], CommandList.Root(["process", "x"]).Subcommands.Select(c => c.Name));
        Assert.Equal(CommandList.All.Select(c => c.Name), CommandList.Root(["--help"]).Subcommands.Select(c => c.Name));
        Assert.Equal(CommandList.All.Select(c => c.Name), CommandList.Root(["proces"]).Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var result = CliRunner.Run("--help");

        CliAssert.Succeeded(result);
        Assert.All(CommandList.All, entry => Assert.Contains($"  {entry.Name} ", result.Stdout));
    }
}
