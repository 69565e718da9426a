namespace Mesa.Tiles.Geometry;

/// <summary>Where <see cref="WkbExteriorRings"/> puts the exterior rings it finds, point by point.</summary>
public interface IExteriorRingSink
{
    /// <summary>False for a sink that only counts: the points' coordinates are then not even read.</summary>
    bool TakesPoints { get; }

    void AddPoint(double lon, double lat);

    /// <summary>Closes the ring of the points added since the previous one.</summary>
    /// <param name="points">How many points the ring has.</param>
    void EndRing(int points);
}
