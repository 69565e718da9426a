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
    /// <remarks>
    /// Tables such as tbl_stacked repeat one string object over consecutive rows (a cell's code for each of its
    /// assets), so a value that is the same object as the row before is copied as bytes, not encoded again, and the
    /// buffer is sized exactly up front rather than grown by copying.
    /// </remarks>
    public static BinaryColumn FromStrings(ColumnDescriptor descriptor, IReadOnlyList<string?> values)
    {
        var bytes = 0;
        string? previous = null;
        var previousBytes = 0;
        foreach (var s in values)
        {
            if (s is not null && !ReferenceEquals(s, previous)) (previous, previousBytes) = (s, Encoding.UTF8.GetByteCount(s));
            bytes = checked(bytes + (s is null ? 0 : previousBytes));
        }
        var buffer = new ByteArrayBuffer(values.Count, bytes);
        bool[]? defined = null;
        previous = null;
        var previousStart = 0;
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
            if (ReferenceEquals(s, previous))
            {
                var length = buffer.Offsets[i] - previousStart;
                buffer.Data.AsSpan(previousStart, length).CopyTo(buffer.Reserve(length));
            }
            else
            {
                // The buffer holds exactly the bytes counted above: encode into its free tail, then take what was written.
                buffer.Reserve(Encoding.UTF8.GetBytes(s, buffer.Data.AsSpan(buffer.ByteLength)));
            }
            (previous, previousStart) = (s, buffer.Offsets[i]);
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
