namespace Mesa.Processing.Workload;

/// <summary>
/// configparser's <c>BasicInterpolation</c>, which MESA's parser uses by default: <c>%%</c> is a
/// literal percent sign and <c>%(key)s</c> is replaced by another value of the same section
/// (or [DEFAULT]). Anything else after <c>%</c> is an error in MESA too.
/// </summary>
internal static class IniInterpolation
{
    // configparser's MAX_INTERPOLATION_DEPTH.
    private const int MaxDepth = 10;

    // Ten levels of references that each name the level below several times expand exponentially (16 per level
    // reach 10^12 characters); configparser would run out of memory. No real value comes near this.
    private const int MaxExpandedLength = 1 << 20;

    public static string Expand(IniEntry entry, Func<string, IniEntry?> lookup)
    {
        if (!entry.Value.Contains('%')) return entry.Value;
        var result = new System.Text.StringBuilder();
        Append(result, entry, lookup, depth: 1, entry.Origin);
        return result.ToString();
    }

    private static void Append(System.Text.StringBuilder result, IniEntry entry, Func<string, IniEntry?> lookup, int depth, string expanding)
    {
        if (depth > MaxDepth)
            throw new WorkloadException($"{entry.Origin}: '%(...)s' references nest deeper than {MaxDepth} levels (a reference loop?).");
        var rest = entry.Value.AsSpan();
        while (!rest.IsEmpty)
        {
            var percent = rest.IndexOf('%');
            if (percent < 0)
            {
                result.Append(rest);
                return;
            }
            result.Append(rest[..percent]);
            rest = rest[percent..];
            if (rest.StartsWith("%%"))
            {
                result.Append('%');
                rest = rest[2..];
                continue;
            }
            var close = rest.IndexOf(")s");
            if (!rest.StartsWith("%(") || close < 3 || rest[2..close].Contains(')'))
                throw new WorkloadException($"{entry.Origin}: '%' must be followed by '%' or '(name)s' in '{entry.Value}' (write '%%' for a percent sign).");
            var name = rest[2..close].ToString();
            var referenced = lookup(name)
                ?? throw new WorkloadException($"{entry.Origin}: '%({name})s' refers to a key that does not exist.");
            if (referenced.Value.Contains('%')) Append(result, referenced, lookup, depth + 1, expanding);
            else result.Append(referenced.Value);
            if (result.Length > MaxExpandedLength)
                throw new WorkloadException($"{expanding}: '%(...)s' references expand to more than {MaxExpandedLength} characters (references repeated at every level?).");
            rest = rest[(close + 2)..];
        }
    }
}
