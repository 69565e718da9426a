using System.Buffers;
using System.Text.Unicode;
using Mesa.GeoParquet.Columns;

namespace Mesa.Tiles.Source;

/// <summary>One shared instance per distinct text: band codes and signatures repeat across millions of cells. Not thread-safe.</summary>
internal sealed class TextPool
{
    // Texts longer than this are decoded into a new string before the lookup.
    private const int StackChars = 256;

    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public string? Share(string? text)
    {
        if (text is null) return null;
        if (_texts.TryGetValue(text, out var shared)) return shared;
        _texts.Add(text, text);
        return text;
    }

    /// <summary>The text of a cell, decoded only the first time it is seen (<see cref="ColumnValues.Text"/> otherwise).</summary>
    public string? Share(Column column, int row)
    {
        if (column is not BinaryColumn binary || binary.IsNull(row)) return Share(ColumnValues.Text(column, row));
        var bytes = binary.GetBytes(row);
        if (bytes.Length > StackChars) return Share(ColumnValues.Text(column, row));
        Span<char> chars = stackalloc char[StackChars];
        // Invalid UTF-8 goes the slow way, which reports it.
        return Utf8.ToUtf16(bytes, chars, out _, out var length, replaceInvalidSequences: false) == OperationStatus.Done
            && _texts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..length], out var shared)
            ? shared
            : Share(ColumnValues.Text(column, row));
    }
}
