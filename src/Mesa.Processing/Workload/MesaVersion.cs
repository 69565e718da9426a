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
    public static string? Read(string configText)
    {
        var match = VersionLine().Match(configText);
        if (!match.Success) return null;
        var value = match.Groups[1].Value;
        var hash = value.IndexOf('#');
        value = (hash >= 0 ? value[..hash] : value).Trim();
        return value.Length == 0 ? null : value;
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

    // Python's (?mi)^\s*mesa_version\s*=\s*(.+?)\s*$ ; .NET's \s, '.' and multiline '$' match as Python's do. Backtracking
    // takes quadratic time on long blank runs (a 150 kB line of spaces: over 10 s); the non-backtracking engine is linear.
    [GeneratedRegex(@"^\s*mesa_version\s*=\s*(.+?)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
