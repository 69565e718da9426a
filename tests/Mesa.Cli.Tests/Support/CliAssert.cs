using System.Text.RegularExpressions;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Support;

internal static partial class CliAssert
{
    /// <summary>The command refused its input the way every command must: exit 1, nothing on stdout, exactly <paramref name="line"/> on stderr.</summary>
    public static void Refused(CliRunner.Result result, string line)
    {
        Assert.Equal(line, result.Stderr.TrimEnd('\n', '\r'));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }

    /// <summary>
    /// <c>process</c> stopped on bad input found once the run had started (pre-flight reads footers only):
    /// exit 1, nothing on stdout, progress lines and then exactly <paramref name="line"/> on stderr.
    /// </summary>
    public static void StoppedWith(CliRunner.Result result, string line)
    {
        var lines = result.Stderr.TrimEnd('\n', '\r').Split('\n');
        Assert.Equal(line, lines[^1]);
        Assert.All(lines[..^1], progress => Assert.Matches(ProgressLine(), progress));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }

    /// <summary>The command succeeded; on failure the message shows what it wrote on stderr.</summary>
    public static void Succeeded(CliRunner.Result result) =>
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}, stderr:\n{result.Stderr}");

    [GeneratedRegex(@"^[a-z]+: \d+\.\d% ")]
    private static partial Regex ProgressLine();
}
