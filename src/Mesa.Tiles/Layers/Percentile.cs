namespace Mesa.Tiles.Layers;

/// <summary>Percentiles as numpy's default (<c>method='linear'</c>): linear interpolation between the two nearest ranks.</summary>
public static class Percentile
{
    /// <param name="sorted">Ascending values, at least one.</param>
    /// <param name="q">0..100.</param>
    public static double Linear(IReadOnlyList<double> sorted, double q)
    {
        if (sorted.Count == 0) throw new ArgumentException("A percentile needs at least one value.", nameof(sorted));
        var position = (sorted.Count - 1) * q / 100.0;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
