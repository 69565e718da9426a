using Mesa.Fuzzing.Harness;
using Mesa.Fuzzing.Targets;

namespace Mesa.Fuzzing.Tests;

/// <summary>
/// A bounded fuzz run of every parser that reads user uploads, with a fixed seed so a failure replays: every input
/// parses or is refused with the parser's documented exception, none runs past the time limit or allocates past the
/// cap. The long run (bench/fuzz.sh) uses the same targets with a million inputs.
/// </summary>
public sealed class ParserFuzzTests
{
    public static readonly TheoryData<string, int> Runs = new()
    {
        { "wkb", 20_000 },
        { "gpkg-blob", 20_000 },
        { "config.ini", 3_000 },
        { "settings.xlsx", 600 },
        { "upload-zip", 300 },
        { "gpkg", 300 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_input_parses_or_is_refused_with_the_documented_error(string target, int inputs)
    {
        using var fuzz = FuzzTargets.Create(target);
        var report = FuzzRunner.Run(fuzz, FuzzOptions.Default(inputs, seed: 20261206));

        Assert.True(report.Findings.Count == 0, report.ToString() + string.Concat(report.Findings.Select(f => "\n" + f.Detail)));
        Assert.Equal(inputs, report.Inputs);
        // Both outcomes must occur, or the generator is not reaching past the first check.
        Assert.True(report.Parsed > 0 && report.Refused > 0, report.ToString());
    }

    public static TheoryData<string> Targets => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_is_valid_input(string target)
    {
        using var fuzz = FuzzTargets.Create(target);
        Assert.All(fuzz.Seeds, fuzz.Run);
    }

    [Fact]
    public void Every_parser_facing_uploads_has_a_run()
    {
        Assert.Equal(FuzzTargets.Names.Order(), Runs.Select(row => (string)row[0]).Order());
    }
}
