namespace Mesa.Processing.Flatten;

/// <summary>How a stacked row's stored sensitivity_code is read (spec section 5); importance and susceptibility letters come from <see cref="Workload.RatingBands"/>.</summary>
internal static class BandCodes
{
    // Shared instances so mapping a row allocates nothing.
    private static readonly string[] Letters = ["A", "B", "C", "D", "E"];

    /// <summary>A stored sensitivity_code trimmed and upper-cased; null stays null.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null)
        {
            return null;
        }

        int letter = LetterIndex(code);
        if (letter >= 0)
        {
            return Letters[letter];
        }

        ReadOnlySpan<char> trimmed = code.AsSpan().Trim();
        return trimmed.Length == 0 ? string.Empty : trimmed.ToString().ToUpperInvariant();
    }

    /// <summary>0..4 for a code that normalises to A..E, else -1.</summary>
    public static int LetterIndex(string? code)
    {
        ReadOnlySpan<char> trimmed = code.AsSpan().Trim();
        if (trimmed.Length != 1)
        {
            return -1;
        }

        int index = char.ToUpperInvariant(trimmed[0]) - 'A';
        return index is >= 0 and <= 4 ? index : -1;
    }
}
