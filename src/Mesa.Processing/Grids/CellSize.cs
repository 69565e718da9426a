using System.Globalization;

namespace Mesa.Processing.Grids;

/// <summary>Checks and names the ground size in metres of the metric grids.</summary>
internal static class CellSize
{
    /// <exception cref="ArgumentOutOfRangeException">The size is not a positive finite number.</exception>
    public static double Check(double cellMetres) =>
        double.IsFinite(cellMetres) && cellMetres > 0
            ? cellMetres
            : throw new ArgumentOutOfRangeException(nameof(cellMetres), cellMetres, "The cell size must be a positive number of metres.");

    /// <summary>The size as it appears in a group name: "500", "12.5".</summary>
    public static string Format(double cellMetres) => cellMetres.ToString("R", CultureInfo.InvariantCulture);
}
