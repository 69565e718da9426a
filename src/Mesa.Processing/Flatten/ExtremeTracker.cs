namespace Mesa.Processing.Flatten;

/// <summary>
/// Keeps the rows MESA would pick for one base's min and max. MESA sorts all rows and takes
/// the first; the sort key is a total order on (value, code), so keeping the best row seen is
/// the same pick in any arrival order and merges across partitions.
/// </summary>
internal struct ExtremeTracker
{
    private bool _any;
    private int? _minValue;
    private string? _minCode;
    private int? _maxValue;
    private string? _maxCode;

    public void Offer(int? value, string? code)
    {
        if (!_any)
        {
            _any = true;
            (_minValue, _minCode, _maxValue, _maxCode) = (value, code, value, code);
            return;
        }

        if (PrecedesForMin(value, code, _minValue, _minCode))
        {
            (_minValue, _minCode) = (value, code);
        }

        if (PrecedesForMax(value, code, _maxValue, _maxCode))
        {
            (_maxValue, _maxCode) = (value, code);
        }
    }

    public void Merge(in ExtremeTracker other)
    {
        if (other._any)
        {
            Offer(other._minValue, other._minCode);
            Offer(other._maxValue, other._maxCode);
        }
    }

    /// <summary>The columns of a base whose rows were offered with their codes (sensitivity).</summary>
    public readonly BandedExtremes ToColumns(FlatBands bands) => Columns(bands, _minCode, _maxCode);

    /// <summary>
    /// The columns of importance or susceptibility, whose rows are offered without codes: a value's
    /// letter depends on the value alone, so it cannot change which row is picked.
    /// </summary>
    public readonly BandedExtremes ToRatingColumns(FlatBands bands) =>
        Columns(bands, bands.RatingCode(_minValue), bands.RatingCode(_maxValue));

    private readonly BandedExtremes Columns(FlatBands bands, string? minCode, string? maxCode) => new(
        _minValue,
        _maxValue,
        minCode,
        bands.DescriptionOf(minCode),
        maxCode,
        bands.DescriptionOf(maxCode));

    // Min: value ascending, null last, then code ascending.
    private static bool PrecedesForMin(int? value, string? code, int? current, string? currentCode)
    {
        if (value.HasValue != current.HasValue)
        {
            return value.HasValue;
        }

        if (value != current)
        {
            return value < current;
        }

        return CompareCodes(code, currentCode) < 0;
    }

    // Max: value descending, null last, then code ascending.
    private static bool PrecedesForMax(int? value, string? code, int? current, string? currentCode)
    {
        if (value.HasValue != current.HasValue)
        {
            return value.HasValue;
        }

        if (value != current)
        {
            return value > current;
        }

        return CompareCodes(code, currentCode) < 0;
    }

    // pandas puts missing values last in every sort key, codes included.
    private static int CompareCodes(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return (a is null).CompareTo(b is null);
        }

        return string.CompareOrdinal(a, b);
    }
}
