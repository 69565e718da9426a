using Mesa.Processing.Workload;

namespace Mesa.Processing.Segment;

/// <summary>
/// Which geocode layer stage "segment" works on, chosen as MESA's segment stage chooses
/// (processing_internal.py, the segment stage's layer_sel; segmentation.py, list_geocode_layers).
/// </summary>
public static class SegmentLayerChoice
{
    public const string Key = "segment_geocode_layer";

    /// <summary>MESA's segment stage names the basic mosaic by this literal, not by basic_group_name.</summary>
    public const string BasicMosaic = "basic_mosaic";

    /// <summary>
    /// <c>segment_geocode_layer</c> (cut at the first ';' or '#', trimmed) when set, as the layer of
    /// that name in any case, or as written when none matches; else basic_mosaic when the workload
    /// has it; else the alphabetically first layer.
    /// </summary>
    /// <param name="layers">The distinct name_gis_geocodegroup values of tbl_geocode_object, sorted ordinally.</param>
    public static string Choose(MesaConfig config, IReadOnlyList<string> layers)
    {
        var selected = StripComment(config.GetDefault(Key));
        if (selected.Length > 0)
        {
            // Python's {a.lower(): a for a in sorted(layers)} keeps the last of names differing only in case.
            return layers.LastOrDefault(l => string.Equals(l, selected, StringComparison.OrdinalIgnoreCase)) ?? selected;
        }
        return layers.Count == 0 || layers.Contains(BasicMosaic, StringComparer.Ordinal) ? BasicMosaic : layers[0];
    }

    // MESA cuts this key at any ';' or '#', spaced or not (_strip_inline_comments).
    private static string StripComment(string? value)
    {
        var text = value ?? "";
        var cut = text.IndexOfAny([';', '#']);
        return (cut >= 0 ? text[..cut] : text).Trim();
    }
}
