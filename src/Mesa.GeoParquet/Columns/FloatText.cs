using System.Globalization;

namespace Mesa.GeoParquet.Columns;

/// <summary>
/// Shortest round-trip text of a FLOAT or DOUBLE laid out as ECMAScript's Number.prototype.toString does
/// ("0.1", "100", "1e+21", "1.5e-7", "-0", "NaN", "Infinity"): the same text DuckDB-based and JavaScript tools
/// print, so values can be compared as strings across implementations.
/// </summary>
public static class FloatText
{
    public static string Format(double value) =>
        Special(value) ?? Layout(value.ToString("R", CultureInfo.InvariantCulture));

    public static string Format(float value) =>
        Special(value) ?? Layout(value.ToString("R", CultureInfo.InvariantCulture));

    private static string? Special(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        0 => double.IsNegative(value) ? "-0" : "0",
        _ => null,
    };

    // "R" gives the shortest round-trip digits but .NET's layout ("1E+16", "1E-05"); re-lay them
    // out as ECMAScript's Number::toString does, which is what canonical.mjs prints.
    private static string Layout(string roundTrip)
    {
        var negative = roundTrip.StartsWith('-');
        var text = negative ? roundTrip[1..] : roundTrip;
        var exponentAt = text.IndexOfAny(['E', 'e']);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var dot = mantissa.IndexOf('.');
        var integerPart = dot < 0 ? mantissa : mantissa[..dot];
        var all = integerPart + (dot < 0 ? "" : mantissa[(dot + 1)..]);
        var digits = all.TrimStart('0');
        // value = 0.digits * 10^n
        var n = integerPart.Length + exponent - (all.Length - digits.Length);
        digits = digits.TrimEnd('0');
        var k = digits.Length;
        string laidOut;
        if (k <= n && n <= 21)
        {
            laidOut = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            laidOut = $"{digits[..n]}.{digits[n..]}";
        }
        else if (-6 < n && n <= 0)
        {
            laidOut = $"0.{new string('0', -n)}{digits}";
        }
        else
        {
            var e = n - 1;
            var head = k == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            laidOut = $"{head}e{(e < 0 ? '-' : '+')}{Math.Abs(e)}";
        }
        return negative ? "-" + laidOut : laidOut;
    }
}
