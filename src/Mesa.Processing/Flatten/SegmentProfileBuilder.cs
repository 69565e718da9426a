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

    /// <summary>
    /// The zones sorted by total area descending, then polygon count descending, then zone name
    /// (ordinal). As MESA rounds them (Python's round): total_area_km2 and sens_mean to 4 decimals, mean_n_assets to 2.
    /// </summary>
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
                PythonRounding.Round(totals.AreaM2 / 1e6, 4),
                PythonRounding.Round(totals.SensTenThousandths / 10_000.0 / totals.Polygons, 4),
                PythonRounding.Round((double)totals.Assets / totals.Polygons, 2)));
        }

        profiles.Sort((a, b) =>
        {
            int order = b.TotalAreaKm2.CompareTo(a.TotalAreaKm2);
            if (order == 0)
            {
                order = b.NPolygons.CompareTo(a.NPolygons);
            }

            return order != 0 ? order : string.CompareOrdinal(a.Zone, b.Zone);
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
