using System.Text;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Columns;

/// <summary>A column of byte strings: BYTE_ARRAY (text, WKB, JSON), FIXED_LEN_BYTE_ARRAY or INT96.</summary>
public sealed class BinaryColumn : Column
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="values">One entry per row; null rows hold an empty entry.</param>
    public BinaryColumn(ColumnDescriptor descriptor, ByteArrayBuffer values, bool[]? defined = null)
        : base(descriptor, values.Count, defined)
    {
        Values = values;
    }

    public ByteArrayBuffer Values { get; }

    public ReadOnlySpan<byte> GetBytes(int row) => Values[row];

    /// <summary>The row as UTF-8 text; null for a null row. Invalid UTF-8 raises a <see cref="ParquetFormatException"/>.</summary>
    public string? GetString(int row)
    {
        if (IsNull(row)) return null;
        try
        {
            return StrictUtf8.GetString(Values[row]);
        }
        catch (DecoderFallbackException e)
        {
            throw new ParquetFormatException($"Column '{Name}', row {row}: value is not valid UTF-8.", e);
        }
    }

    /// <summary>Builds a text column from strings (null entries become null rows).</summary>
    public static BinaryColumn FromStrings(ColumnDescriptor descriptor, IReadOnlyList<string?> values)
    {
        var buffer = new ByteArrayBuffer(values.Count, values.Count * 8);
        bool[]? defined = null;
        for (var i = 0; i < values.Count; i++)
        {
            var s = values[i];
            if (s is null)
            {
                defined ??= NewAllTrue(values.Count);
                defined[i] = false;
                buffer.Reserve(0);
                continue;
            }
            var span = buffer.Reserve(Encoding.UTF8.GetByteCount(s));
            Encoding.UTF8.GetBytes(s, span);
        }
        return new BinaryColumn(descriptor, buffer, defined);
    }

    /// <summary>Builds a binary column from byte arrays (null entries become null rows).</summary>
    public static BinaryColumn FromBytes(ColumnDescriptor descriptor, IReadOnlyList<byte[]?> values)
    {
        var buffer = new ByteArrayBuffer(values.Count, values.Sum(v => v?.Length ?? 0));
        bool[]? defined = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } bytes)
            {
                buffer.Add(bytes);
                continue;
            }
            defined ??= NewAllTrue(values.Count);
            defined[i] = false;
            buffer.Reserve(0);
        }
        return new BinaryColumn(descriptor, buffer, defined);
    }

    protected override object GetPresentValue(int row) =>
        Descriptor.LogicalType.IsText ? GetString(row)! : LogicalValues.ConvertBytes(Descriptor, Values[row]);

    private static bool[] NewAllTrue(int length)
    {
        var flags = new bool[length];
        Array.Fill(flags, true);
        return flags;
    }
}
