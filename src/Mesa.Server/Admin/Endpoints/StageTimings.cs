using System.Globalization;
using System.Text.RegularExpressions;
using Mesa.Server.Admin.Storage;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>Stage timings of a job, read from the pipeline's "Stage X finished in S s" log lines, so running jobs show the stages done so far.</summary>
public static partial class StageTimings
{
    public static IEnumerable<object> From(IEnumerable<SequencedLogLine> log) =>
        log.Select(line => StageFinished().Match(line.Message))
            .Where(match => match.Success)
            .Select(match => new { stage = match.Groups["stage"].Value, seconds = double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture) });

    [GeneratedRegex(@"^Stage (?<stage>\S+) finished in (?<seconds>[0-9]+(\.[0-9]+)?) s$")]
    private static partial Regex StageFinished();
}
