using System.Globalization;
using System.Runtime.InteropServices;
using Mesa.Processing.Import;

namespace Mesa.Tiles.Layers;

/// <summary>
/// The blue ramp of <c>_groupstotal</c> (linear over the group's [min, max]) and <c>_assetstotal</c>
/// (log1p over [min, 99th percentile], values beyond clamped). t = (s(v) - s(lo)) / (s(hi) - s(lo));
/// a group where hi = lo paints every cell with the ramp's dark end, as MESA's blue ramp does. Colours
/// are opaque: the contract gives RGB only. Null values draw nothing.
/// </summary>
public sealed class CountRamp
{
    public static readonly (int R, int G, int B) Start = (220, 235, 255);
    public static readonly (int R, int G, int B) End = (8, 48, 107);

    /// <summary>Stops in mesa_legend: evenly spaced in t.</summary>
    private const int LegendStops = 5;

    private readonly bool _log;

    private CountRamp(bool log, double low, double high)
    {
        _log = log;
        Low = low;
        High = high;
    }

    public double Low { get; }

    public double High { get; }

    public string Scale => _log ? "log1p" : "linear";

    public static CountRamp? Linear(ReadOnlySpan<long?> values) => Linear(Count(values));

    /// <param name="counts">How often each value occurs (nulls left out).</param>
    public static CountRamp? Linear(IReadOnlyDictionary<long, long> counts) =>
        counts.Count == 0 ? null : new CountRamp(false, counts.Keys.Min(), counts.Keys.Max());

    public static CountRamp? Log1p(ReadOnlySpan<long?> values) => Log1p(Count(values));

    /// <param name="counts">How often each value occurs (nulls left out).</param>
    public static CountRamp? Log1p(IReadOnlyDictionary<long, long> counts) =>
        counts.Count == 0 ? null : new CountRamp(true, counts.Keys.Min(), Percentile.Linear(counts, 99));

    /// <summary>How often each value occurs, nulls left out.</summary>
    public static Dictionary<long, long> Count(ReadOnlySpan<long?> values)
    {
        var counts = new Dictionary<long, long>();
        foreach (var value in values) Add(counts, value);
        return counts;
    }

    /// <summary>Counts one more occurrence of a value; a null is left out.</summary>
    public static void Add(Dictionary<long, long> counts, long? value)
    {
        if (value is { } v) CollectionsMarshal.GetValueRefOrAddDefault(counts, v, out _)++;
    }

    public uint Of(long? value) => value is { } v ? Rgba.Lerp(Start, End, T(v)) : Rgba.Transparent;

    public double T(double value)
    {
        var span = Scaled(High) - Scaled(Low);
        return span > 0 ? Math.Clamp((Scaled(value) - Scaled(Low)) / span, 0, 1) : 1;
    }

    /// <summary>mesa_scale, mesa_value_min, mesa_value_max (rounded to 6 decimals, so a percentile prints as 2.97, not 2.9699999999999998) and mesa_legend ({value, color} at t = 0, 0.25, ..., 1, values rounded to 3 decimals; one stop when the range is a single value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata()
    {
        // A group where every value is equal has one colour, so one stop.
        var stops = Scaled(High) > Scaled(Low) ? LegendStops : 1;
        // Written directly rather than serialised by reflection, whose first use costs a short command tens of milliseconds.
        var legend = JsonText.Write(json =>
        {
            json.WriteStartArray();
            for (var i = 0; i < stops; i++)
            {
                var t = stops == 1 ? 1 : i / (double)(stops - 1);
                var value = i == stops - 1 ? High : Unscaled(Scaled(Low) + t * (Scaled(High) - Scaled(Low)));
                json.WriteStartObject();
                json.WriteNumber("value", Math.Round(value, 3));
                json.WriteString("color", Rgba.ToHex(Rgba.Lerp(Start, End, t)));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
        return
        [
            new("mesa_scale", Scale),
            new("mesa_value_min", Math.Round(Low, 6).ToString("R", CultureInfo.InvariantCulture)),
            new("mesa_value_max", Math.Round(High, 6).ToString("R", CultureInfo.InvariantCulture)),
            new("mesa_legend", legend),
        ];
    }

    private double Scaled(double value) => _log ? Math.Log(1 + value) : value;

    private double Unscaled(double scaled) => _log ? Math.Exp(scaled) - 1 : scaled;
}
