using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Support;

internal static class CliAssert
{
    /// <summary>The command refused its input the way every command must: exit 1, nothing on stdout, exactly <paramref name="line"/> on stderr.</summary>
    public static void Refused(CliRunner.Result result, string line)
    {
        Assert.Equal(line, result.Stderr.TrimEnd('\n', '\r'));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }

    /// <summary>The command succeeded; on failure the message shows what it wrote on stderr.</summary>
    public static void Succeeded(CliRunner.Result result) =>
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}, stderr:\n{result.Stderr}");
}
