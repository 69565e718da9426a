using System.Runtime.InteropServices;

namespace Mesa.Processing.Flatten;

/// <summary>Groups a layer's segmentation cells into signature zones (spec section 7).</summary>
public sealed class SegmentProfileBuilder
{
    public const string Method = "signatures";

    /// <summary>The zone of cells whose signature is empty.</summary>
    public const string NoOverlapZone = "(no overlap)";

    private readonly Dictionary<string, ZoneTotals> _zones = new(StringComparer.Ordinal);

    /// <summary>Adds one cell of the layer; a null area (no tbl_flat row) adds nothing to the zone's area.</summary>
    public void Add(SegmentCell cell, long? areaM2)
    {
        string zone = cell.Signature.Length == 0 ? NoOverlapZone : cell.Signature;
        ref ZoneTotals totals = ref CollectionsMarshal.GetValueRefOrAddDefault(_zones, zone, out _);
        totals.Polygons++;
        totals.AreaM2 += areaM2 ?? 0;
        totals.Assets += cell.NAssets;
        // sens_mean carries 4 decimals: summing it in 1e-4 units is exact, so the zone mean
        // does not depend on the order cells arrive in.
        totals.SensTenThousandths += (long)Math.Round(cell.SensMean * 10_000.0, MidpointRounding.ToEven);
    }

    /// <summary>The zones sorted by total area descending, ties by zone name (ordinal).</summary>
    public List<SegmentProfile> Build(string nameGisGeocodeGroup)
    {
        var profiles = new List<SegmentProfile>(_zones.Count);
        foreach ((string zone, ZoneTotals totals) in _zones)
        {
            profiles.Add(new SegmentProfile(
                nameGisGeocodeGroup,
                Method,
                zone,
                totals.Polygons,
                totals.AreaM2 / 1e6,
                totals.SensTenThousandths / 10_000.0 / totals.Polygons,
                (double)totals.Assets / totals.Polygons));
        }

        profiles.Sort((a, b) =>
        {
            int byArea = b.TotalAreaKm2.CompareTo(a.TotalAreaKm2);
            return byArea != 0 ? byArea : string.CompareOrdinal(a.Zone, b.Zone);
        });
        return profiles;
    }

    private struct ZoneTotals
    {
        public long Polygons;
        public long AreaM2;
        public long Assets;
        public long SensTenThousandths;
    }
}
