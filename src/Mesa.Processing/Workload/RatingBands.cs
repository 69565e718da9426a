namespace Mesa.Processing.Workload;

/// <summary>
/// The letters of importance and susceptibility values, derived as MESA derives them
/// (processing_internal.py, derive_value_class_ranges): the bands are taken lowest sensitivity
/// range first, the sorted distinct <c>[VALID_VALUES] valid_input</c> values are cut into equal
/// runs of <c>max(1, values / bands)</c>, one run per band, the last band taking the rest; a band
/// covers its run's first to last value. With the defaults this is 1->E .. 5->A.
/// </summary>
public sealed class RatingBands
{
    private readonly RatingBand[] _bands;

    private RatingBands(RatingBand[] bands) => _bands = bands;

    /// <summary>The bands that received values, in the order of <c>bands</c> (A first), which is the order a value is looked up in.</summary>
    public IReadOnlyList<RatingBand> Bands => _bands;

    /// <param name="bands">The sensitivity bands in config order (A first).</param>
    /// <param name="validInput">valid_input; empty means 1..number of bands, as in MESA.</param>
    public static RatingBands Derive(IReadOnlyList<SensitivityBand> bands, IReadOnlyList<int> validInput)
    {
        if (bands.Count == 0) return new RatingBands([]);
        // OrderBy is stable, as Python's sorted: bands starting at the same value keep config order.
        var lowestFirst = bands.OrderBy(b => b.Min).ToArray();
        var values = validInput.Count > 0 ? validInput.Distinct().Order().ToArray() : Enumerable.Range(1, bands.Count).ToArray();
        var per = Math.Max(1, values.Length / lowestFirst.Length);
        var runs = new Dictionary<string, RatingBand>(StringComparer.Ordinal);
        for (var i = 0; i < lowestFirst.Length; i++)
        {
            var start = i * per;
            var end = i == lowestFirst.Length - 1 ? values.Length : Math.Min(values.Length, (i + 1) * per);
            if (start < end) runs[lowestFirst[i].Code] = new RatingBand(lowestFirst[i].Code, values[start], values[end - 1]);
        }
        return new RatingBands([.. bands.Where(b => runs.ContainsKey(b.Code)).Select(b => runs[b.Code])]);
    }

    /// <summary>The letter of the first band (A first) covering the value; null for null or a value no band covers.</summary>
    public string? CodeOf(int? value)
    {
        if (value is not int v) return null;
        foreach (var band in _bands)
        {
            if (v >= band.Min && v <= band.Max) return band.Code;
        }
        return null;
    }
}
