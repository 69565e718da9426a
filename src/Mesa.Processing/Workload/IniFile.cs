namespace Mesa.Processing.Workload;

/// <summary>
/// An INI file read the way MESA reads config.ini: Python's <c>configparser.ConfigParser</c>
/// with <c>inline_comment_prefixes=(";", "#")</c> and <c>strict=False</c>. That means: keys
/// are case-insensitive (lower-cased), section names are not; <c>=</c> or <c>:</c> separates
/// key and value (the first one wins); a line whose first non-blank character is <c>;</c> or
/// <c>#</c> is a comment; inside a line <c>;</c>/<c>#</c> start a comment only after
/// whitespace; a more indented line continues the previous value; repeated sections merge and
/// repeated keys keep the last value; sections inherit <c>[DEFAULT]</c>; <c>%(key)s</c>
/// references are expanded on lookup.
/// </summary>
/// <remarks>
/// One deliberate departure, required by the processing contract: the first character of a
/// value never starts a comment, so <c>category_colour = #bd0026</c> keeps its colour
/// (configparser would read an empty value there).
/// </remarks>
internal sealed class IniFile
{
    public const string DefaultSection = "DEFAULT";

    private readonly Dictionary<string, Dictionary<string, IniEntry>> _sections;

    private IniFile(Dictionary<string, Dictionary<string, IniEntry>> sections) => _sections = sections;

    public bool HasSection(string section) => section != DefaultSection && _sections.ContainsKey(section);

    /// <summary>
    /// The raw entry of <paramref name="key"/> in <paramref name="section"/>, inherited from
    /// [DEFAULT] when the section lacks it; null when absent or when the section does not exist
    /// (configparser does not inherit into a missing section).
    /// </summary>
    public IniEntry? FindRaw(string section, string key)
    {
        if (!_sections.TryGetValue(section, out var values)) return null;
        key = NormalizeKey(key);
        return values.TryGetValue(key, out var own) ? own
            : _sections[DefaultSection].TryGetValue(key, out var inherited) ? inherited
            : null;
    }

    /// <summary>Like <see cref="FindRaw"/> with <c>%(key)s</c> references expanded.</summary>
    public (string Value, string Origin)? Find(string section, string key)
    {
        if (FindRaw(section, key) is not { } entry) return null;
        return (IniInterpolation.Expand(entry, name => FindRaw(section, name)), entry.Origin);
    }

    /// <summary>A copy whose [DEFAULT] section has the given keys set, as assigning <c>cfg["DEFAULT"][key]</c> would.</summary>
    public IniFile WithDefaults(IEnumerable<(string Key, string Value)> values, string origin)
    {
        var sections = new Dictionary<string, Dictionary<string, IniEntry>>(_sections, StringComparer.Ordinal);
        var defaults = new Dictionary<string, IniEntry>(_sections[DefaultSection], StringComparer.Ordinal);
        foreach (var (key, value) in values) defaults[NormalizeKey(key)] = new IniEntry(value, origin);
        sections[DefaultSection] = defaults;
        return new IniFile(sections);
    }

    /// <exception cref="WorkloadException">A line is neither a comment, a section header, a key/value pair nor a continuation.</exception>
    public static IniFile Parse(string text, string fileName)
    {
        var sections = new Dictionary<string, Dictionary<string, IniEntry>>(StringComparer.Ordinal)
        {
            [DefaultSection] = new(StringComparer.Ordinal),
        };
        Dictionary<string, IniEntry>? section = null;
        string? key = null;
        List<string>? valueLines = null;
        var keyOrigin = "";
        var indentLevel = 0;

        void EndValue()
        {
            if (section is not null && key is not null && valueLines is not null)
                section[key] = new IniEntry(string.Join('\n', valueLines).TrimEnd(), keyOrigin);
            key = null;
            valueLines = null;
        }

        var lines = (text.StartsWith('\uFEFF') ? text[1..] : text).ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var origin = $"{fileName} line {i + 1}";
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                // configparser keeps blank lines inside a value; trailing ones are trimmed at the end.
                valueLines?.Add("");
                continue;
            }
            if (trimmed[0] is ';' or '#') continue;

            var indent = line.Length - line.TrimStart().Length;
            if (valueLines is not null && indent > indentLevel)
            {
                valueLines.Add(trimmed[..InlineCommentStart(trimmed, exempt: -1)].TrimEnd());
                continue;
            }
            indentLevel = indent;
            EndValue();

            if (trimmed[0] == '[')
            {
                var header = trimmed[..InlineCommentStart(trimmed, exempt: -1)].TrimEnd();
                var close = header.LastIndexOf(']');
                if (close >= 2)
                {
                    var name = header[1..close];
                    if (!sections.TryGetValue(name, out section))
                        sections[name] = section = new Dictionary<string, IniEntry>(StringComparer.Ordinal);
                    continue;
                }
            }
            if (section is null)
                throw new WorkloadException($"{origin}: '{trimmed}' is outside any [section]; config.ini must start with a section header such as [DEFAULT].");

            var delimiter = trimmed.IndexOfAny(['=', ':']);
            var valueStart = delimiter < 0 ? -1 : SkipWhitespace(trimmed, delimiter + 1);
            var content = trimmed[..InlineCommentStart(trimmed, valueStart)].TrimEnd();
            if (delimiter < 0 || delimiter >= content.Length)
                throw new WorkloadException($"{origin}: '{trimmed}' is not 'key = value', a [section] header or a comment.");
            var keyText = content[..delimiter].Trim();
            if (keyText.Length == 0)
                throw new WorkloadException($"{origin}: '{trimmed}' has no key before '{content[delimiter]}'.");
            key = NormalizeKey(keyText);
            keyOrigin = origin;
            valueLines = [content[(delimiter + 1)..].Trim()];
        }
        EndValue();
        return new IniFile(sections);
    }

    /// <summary>configparser's <c>optionxform</c>: keys compare lower-cased.</summary>
    private static string NormalizeKey(string key) => key.Trim().ToLowerInvariant();

    private static int SkipWhitespace(string text, int from)
    {
        while (from < text.Length && char.IsWhiteSpace(text[from])) from++;
        return from;
    }

    /// <summary>Index of the first <c>;</c> or <c>#</c> that follows whitespace (other than at <paramref name="exempt"/>), or the length.</summary>
    private static int InlineCommentStart(string text, int exempt)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] is ';' or '#' && char.IsWhiteSpace(text[i - 1]) && i != exempt) return i;
        }
        return text.Length;
    }
}
