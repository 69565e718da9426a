using Mesa.Fuzzing.Harness;
using Mesa.Fuzzing.Targets;

// Long fuzz run: dotnet run -c Release --project tests/Mesa.Fuzzing -- [--target NAME=COUNT ...] [--seed N] [--time-limit-s S] [--findings DIR]
// Each finding is written to DIR with its minimized input; the exit code is 1 when anything was found.
// Replay one input (a finding's .input or .min file): dotnet run -c Release --project tests/Mesa.Fuzzing -- --replay NAME FILE
if (args is ["--replay", var replayTarget, var file])
{
    using var target = FuzzTargets.Create(replayTarget);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    try
    {
        target.Run(File.ReadAllBytes(file));
        Console.WriteLine($"parsed in {clock.Elapsed.TotalMilliseconds:F1} ms");
        return 0;
    }
    catch (Exception e) when (target.IsDocumented(e))
    {
        Console.WriteLine($"refused in {clock.Elapsed.TotalMilliseconds:F1} ms: {e.Message}");
        return 0;
    }
    catch (Exception e)
    {
        Console.WriteLine($"undocumented exception after {clock.Elapsed.TotalMilliseconds:F1} ms: {e}");
        return 1;
    }
}

var counts = new Dictionary<string, long>(StringComparer.Ordinal);
var seed = 1;
var timeLimit = TimeSpan.FromSeconds(10);
var findingsDir = "fuzz-findings";
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--target":
            var pair = args[++i].Split('=', 2);
            counts[pair[0]] = long.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--seed": seed = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--time-limit-s": timeLimit = TimeSpan.FromSeconds(double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture)); break;
        case "--findings": findingsDir = args[++i]; break;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; targets: {string.Join(", ", FuzzTargets.Names)}");
            return 2;
    }
}
if (counts.Count == 0) foreach (var name in FuzzTargets.Names) counts[name] = 10_000;

var found = false;
long total = 0;
foreach (var (name, inputs) in counts)
{
    using var target = FuzzTargets.Create(name);
    var report = FuzzRunner.Run(target, FuzzOptions.Default(inputs, seed) with { TimeLimit = timeLimit });
    total += report.Inputs;
    Console.WriteLine(report);
    foreach (var (finding, index) in report.Findings.Select((f, i) => (f, i)))
    {
        found = true;
        Directory.CreateDirectory(findingsDir);
        var stem = Path.Combine(findingsDir, $"{name}-{finding.Kind}-{index}");
        File.WriteAllBytes(stem + ".input", finding.Input);
        File.WriteAllText(stem + ".txt", $"{finding.Signature}\n{finding.Detail}\n");
        if (finding.Kind == FindingKind.Crash)
        {
            var minimized = Minimizer.Minimize(target, finding.Input, finding.Signature);
            File.WriteAllBytes(stem + ".min", minimized);
            Console.WriteLine($"  minimized to {minimized.Length} bytes: {Convert.ToHexString(minimized[..Math.Min(minimized.Length, 256)])}");
        }
    }
    // A hung worker thread cannot be stopped: report what ran and leave.
    if (report.Findings.Any(f => f.Kind == FindingKind.Hang)) break;
}
Console.WriteLine($"total: {total} inputs, {(found ? "findings written to " + Path.GetFullPath(findingsDir) : "no findings")}");
return found ? 1 : 0;
