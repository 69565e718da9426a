namespace Mesa.Tiles.Layers;

/// <summary>Percentiles as numpy's default (<c>method='linear'</c>): linear interpolation between the two nearest ranks.</summary>
public static class Percentile
{
    /// <param name="sorted">Ascending values, at least one.</param>
    /// <param name="q">0..100.</param>
    public static double Linear(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) throw new ArgumentException("A percentile needs at least one value.", nameof(sorted));
        return Interpolate(sorted.Count, rank => sorted[(int)rank], q);
    }

    /// <summary>The same over values given as how often each occurs: a million counts take a handful of distinct values, which is all there is to sort.</summary>
    /// <param name="counts">Each distinct value's number of occurrences (at least one value, counts above zero).</param>
    public static double Linear(IReadOnlyDictionary<long, long> counts, double q)
    {
        if (counts.Count == 0) throw new ArgumentException("A percentile needs at least one value.", nameof(counts));
        var values = counts.Keys.Order().ToArray();
        // ends[i]: the rank after the last occurrence of values[i].
        var ends = new long[values.Length];
        for (var i = 0; i < values.Length; i++) ends[i] = (i == 0 ? 0 : ends[i - 1]) + counts[values[i]];
        return Interpolate(ends[^1], rank => values[Array.FindIndex(ends, end => end > rank)], q);
    }

    private static double Interpolate(long count, Func<long, double> valueAt, double q)
    {
        var position = (count - 1) * q / 100.0;
        var below = (long)Math.Floor(position);
        var above = Math.Min(below + 1, count - 1);
        return valueAt(below) + (valueAt(above) - valueAt(below)) * (position - below);
    }
}
