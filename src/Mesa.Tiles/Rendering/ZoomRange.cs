namespace Mesa.Tiles.Rendering;

/// <summary>The zoom levels to render, both inclusive.</summary>
public readonly record struct ZoomRange
{
    /// <summary>Deeper than this, tile keys and pixel coordinates would leave the ranges the rasteriser is built for.</summary>
    public const int Deepest = 22;

    public ZoomRange(int min, int max)
    {
        if (min < 0 || max > Deepest || min > max)
            throw new ArgumentOutOfRangeException(paramName: null, $"Zoom levels {min}..{max}: need 0 <= min <= max <= {Deepest}.");
        Min = min;
        Max = max;
    }

    public int Min { get; }

    public int Max { get; }
}
