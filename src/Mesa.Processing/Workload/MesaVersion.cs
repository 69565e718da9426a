using System.Text.RegularExpressions;

namespace Mesa.Processing.Workload;

/// <summary>
/// The MESA version a project's config.ini names, and whether this server computes what that
/// version computes. The contract (docs/mesa-processing.md) is MESA 5.6's Process step.
/// </summary>
public static partial class MesaVersion
{
    /// <summary>The MESA release line whose results this server writes.</summary>
    public const string Covered = "5.6";

    private static readonly int[] CoveredParts = [5, 6];

    /// <summary>
    /// The first <c>mesa_version = ...</c> line of config.ini's text, cut at a <c>#</c> and trimmed;
    /// null when there is none or it is empty. Read line by line, as MESA does (mesa.py,
    /// _read_config_mesa_version), not through the INI parser.
    /// </summary>
    /// <remarks>
    /// MESA searches with Python's <c>(?mi)^\s*mesa_version\s*=\s*(.+?)\s*$</c>. This scan finds what that pattern
    /// finds, in linear time (backtracking takes quadratic time on long blank runs: a 150 kB line of spaces, over 10 s)
    /// and without building a regex engine at run time (the non-backtracking engine cost a small job 0.1 s of JIT).
    /// Its blanks (<c>\s</c>) may run over line ends: before the key, around <c>=</c> and before the value. The value
    /// is the rest of the line where it starts.
    /// </remarks>
    public static string? Read(string configText)
    {
        for (var lineStart = 0; lineStart <= configText.Length;)
        {
            var key = SkipBlanks(configText, lineStart);
            if (KeyName().IsMatch(configText.AsSpan(key)))
            {
                var equals = SkipBlanks(configText, key + KeyLength);
                if (equals < configText.Length && configText[equals] == '=')
                {
                    var start = SkipBlanks(configText, equals + 1);
                    var end = configText.IndexOf('\n', start);
                    var value = configText[start..(end < 0 ? configText.Length : end)];
                    var hash = value.IndexOf('#');
                    value = (hash >= 0 ? value[..hash] : value).Trim();
                    return value.Length == 0 ? null : value;
                }
            }
            // Every line start up to the key lands on the same key; the next candidate is the line after it.
            var lineEnd = configText.IndexOf('\n', key);
            if (lineEnd < 0) return null;
            lineStart = lineEnd + 1;
        }
        return null;
    }

    // Regex \s is char.IsWhiteSpace's set: \t-\r, U+0085 and the Unicode separators.
    private static int SkipBlanks(string text, int from)
    {
        while (from < text.Length && char.IsWhiteSpace(text[from])) from++;
        return from;
    }

    /// <summary>
    /// Refuses a version outside the covered line. Versions compare by their first three runs of
    /// digits, as MESA's _version_tuple does, so "5.6", "5.6.0" and "v5.6.2-rc1" are all 5.6.
    /// No version at all (projects made by this server's tools) is accepted.
    /// </summary>
    /// <exception cref="WorkloadException">The version is another release line or has no number.</exception>
    public static void Check(string? version, string fileName)
    {
        if (version is null) return;
        var parts = Digits().Matches(version).Take(3).Select(m => int.TryParse(m.Value, out var n) ? n : -1).ToArray();
        if (parts.Length >= CoveredParts.Length && parts.AsSpan(0, CoveredParts.Length).SequenceEqual(CoveredParts)) return;
        throw new WorkloadException(
            $"{fileName}: mesa_version = '{version}', but this server computes MESA {Covered}'s Process step and cannot vouch for the results of another version. " +
            $"Open (and so upgrade) the project in MESA {Covered}, back it up again and upload that backup.");
    }

    private const int KeyLength = 12;

    // The key as the pattern matches it: case-insensitive with the regex engine's own case table (compiled ahead of time).
    [GeneratedRegex("^mesa_version", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyName();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
