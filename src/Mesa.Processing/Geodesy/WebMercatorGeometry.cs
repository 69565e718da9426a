using NetTopologySuite.Geometries;

namespace Mesa.Processing.Geodesy;

/// <summary>Whole-geometry EPSG:4326 &lt;-&gt; EPSG:3857 transforms (copies; the input is left unchanged).</summary>
public static class WebMercatorGeometry
{
    public static Geometry ToMercator(Geometry lonLat) => Transform(lonLat, forward: true);

    public static Geometry ToLonLat(Geometry mercator) => Transform(mercator, forward: false);

    private static Geometry Transform(Geometry geometry, bool forward)
    {
        var copy = geometry.Copy();
        copy.Apply(new MercatorFilter(forward));
        return copy;
    }

    private sealed class MercatorFilter(bool forward) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = forward ? WebMercator.Forward(seq.GetX(i), seq.GetY(i)) : WebMercator.Inverse(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
