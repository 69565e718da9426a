using System.Globalization;

namespace Mesa.Processing.Grids;

/// <summary>Parses the text form of a cell grid used on command lines: <c>hex:500</c>, <c>square:1000</c>, <c>qdgc:6</c>.</summary>
public static class CellGridSpec
{
    private static readonly string Usage = $"use hex:<metres across flats>, square:<metres per side> or qdgc:<level 0..{QdgcGrid.MaxLevel}>, e.g. hex:500";

    /// <exception cref="FormatException">The text is not one of the forms above, or its number is out of range.</exception>
    public static ICellGrid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length != 2)
            throw new FormatException($"'{text}' is not a cell grid: {Usage}.");
        var kind = parts[0].Trim().ToLowerInvariant();
        var value = parts[1].Trim();
        return kind switch
        {
            "hex" => new HexGrid(Metres(text, value)),
            "square" => new SquareGrid(Metres(text, value)),
            "qdgc" => new QdgcGrid(Level(text, value)),
            _ => throw new FormatException($"'{text}' is not a cell grid: unknown kind '{parts[0]}'; {Usage}."),
        };
    }

    private static double Metres(string text, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var metres) && double.IsFinite(metres) && metres > 0
            ? metres
            : throw new FormatException($"'{text}': the cell size '{value}' must be a positive number of metres; {Usage}.");

    private static int Level(string text, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level <= QdgcGrid.MaxLevel
            ? level
            : throw new FormatException($"'{text}': the QDGC level '{value}' must be a whole number 0..{QdgcGrid.MaxLevel}; {Usage}.");
}
