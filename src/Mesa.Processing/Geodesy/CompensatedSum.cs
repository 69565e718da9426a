namespace Mesa.Processing.Geodesy;

/// <summary>
/// A double-double accumulator. A polygon's geodesic area is the small difference of per-edge
/// terms that are each up to the size of a hemisphere, so plain summation would lose it.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _error;

    public readonly double Value => _sum;

    public void Add(double y)
    {
        double z = DegreeMath.TwoSum(y, _error, out double u);
        _sum = DegreeMath.TwoSum(z, _sum, out _error);
        if (_sum == 0.0)
        {
            _sum = u;
        }
        else
        {
            _error += u;
        }
    }

    /// <summary>Replaces the sum with its IEEE remainder by <paramref name="y"/>.</summary>
    public void Remainder(double y)
    {
        _sum = Math.IEEERemainder(_sum, y);
        Add(0.0);
    }

    public void Negate()
    {
        _sum = -_sum;
        _error = -_error;
    }
}
