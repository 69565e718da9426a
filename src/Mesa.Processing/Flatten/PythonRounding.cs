using System.Globalization;

namespace Mesa.Processing.Flatten;

/// <summary>
/// Python's built-in <c>round(x, digits)</c>: the exact binary value rounded half to even, so
/// round(17.83335, 4) is 17.8333 (the double lies just below the tie). numpy's round, which
/// scales first, would give 17.8334; MESA uses the built-in where it rounds Python floats.
/// </summary>
public static class PythonRounding
{
    // .NET formats the exact binary value with IEEE round-half-even, which is what Python does.
    public static double Round(double value, int digits) =>
        double.IsFinite(value)
            ? double.Parse(value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : value;
}
