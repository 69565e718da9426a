namespace Mesa.Processing.Flatten;

/// <summary>
/// Accumulates one segmentation cell's stacked rows. A mutable struct so ten million cells cost
/// no allocation each; merge partitions with <see cref="Merge"/>.
/// </summary>
public struct SegmentTally
{
    // Signatures of all 32 code sets, so no cell allocates its own string.
    private static readonly string[] Signatures = BuildSignatures();

    private int _codeMask;
    private long _rows;
    private long _sensitivitySum;

    public void Add(in StackedFacts row) => Add(row.Sensitivity, row.SensitivityCode);

    /// <summary>Adds one stacked row by its asset group's stored sensitivity and code.</summary>
    public void Add(int? sensitivity, string? sensitivityCode)
    {
        int letter = BandCodes.LetterIndex(sensitivityCode);
        if (letter >= 0)
        {
            _codeMask |= 1 << letter;
        }

        _rows++;
        _sensitivitySum += sensitivity ?? 0;
    }

    public void Merge(in SegmentTally other)
    {
        _codeMask |= other._codeMask;
        _rows += other._rows;
        _sensitivitySum += other._sensitivitySum;
    }

    /// <summary>
    /// signature: the distinct valid codes A..E (stored sensitivity_code, trimmed and upper-cased
    /// as flatten reads it), A first, joined "+", "" if none. sens_mean: mean sensitivity with
    /// nulls as 0, rounded to 4 decimals half to even the way numpy's round does (scale, round,
    /// unscale); 0 for a cell without rows.
    /// </summary>
    public readonly SegmentCell ToCell()
    {
        double mean = _rows == 0 ? 0.0 : (double)_sensitivitySum / _rows;
        return new SegmentCell(Signatures[_codeMask], _rows, Math.Round(mean, 4, MidpointRounding.ToEven));
    }

    private static string[] BuildSignatures()
    {
        var signatures = new string[32];
        var codes = new List<char>(5);
        for (int mask = 0; mask < signatures.Length; mask++)
        {
            codes.Clear();
            for (int letter = 0; letter < 5; letter++)
            {
                if ((mask & (1 << letter)) != 0)
                {
                    codes.Add((char)('A' + letter));
                }
            }

            signatures[mask] = string.Join('+', codes);
        }

        return signatures;
    }
}
