namespace Mesa.Tiles.Geometry;

/// <summary>Counts exterior rings and their points, so their storage can be sized before they are read.</summary>
public struct RingCounts : IExteriorRingSink
{
    public int Rings { get; private set; }

    public int Points { get; private set; }

    public readonly bool TakesPoints => false;

    public readonly void AddPoint(double lon, double lat)
    {
    }

    public void EndRing(int points)
    {
        Rings++;
        Points = checked(Points + points);
    }
}
