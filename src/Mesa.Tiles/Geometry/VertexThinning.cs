namespace Mesa.Tiles.Geometry;

/// <summary>MESA's vertex thinning before drawing: a vertex closer than this to the last kept one is skipped.</summary>
public static class VertexThinning
{
    /// <summary>0.35 px from zoom 9 up, 0.6 px below.</summary>
    public static double MinDistancePixels(int zoom) => zoom >= 9 ? 0.35 : 0.6;
}
