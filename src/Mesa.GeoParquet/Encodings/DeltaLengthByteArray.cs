using System.Buffers;
using Mesa.GeoParquet.Columns;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY: all lengths as one DELTA_BINARY_PACKED run, then all value bytes back to back.
/// </summary>
internal static class DeltaLengthByteArray
{
    private const string What = "DELTA_LENGTH_BYTE_ARRAY";
    private const int Batch = 256;

    /// <summary>Appends <paramref name="count"/> values to <paramref name="output"/>; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int count, ByteArrayBuffer output)
    {
        // A page without values may come without the length header at all.
        if (count == 0 && data.IsEmpty) return 0;
        var lengths = OpenLengths(data, count, What + " lengths");
        // The bytes start after the whole length run; measuring it on a copy leaves the reader at the first length.
        var measure = lengths;
        var pos = measure.SkipToEnd();
        Span<int> batch = stackalloc int[Batch];
        for (var done = 0; done < count; done += Batch)
        {
            var n = Math.Min(Batch, count - done);
            lengths.Read(batch[..n]);
            for (var i = 0; i < n; i++)
            {
                var length = batch[i];
                if (length < 0 || length > data.Length - pos)
                    throw new ParquetFormatException(
                        $"{What}: value {done + i} of {count} has length {length} but only {data.Length - pos} bytes remain.");
                output.Add(data.Slice(pos, length));
                pos += length;
            }
        }
        return pos;
    }

    /// <summary>Writes <c>values[rows[i]]</c> for each i.</summary>
    public static void Encode(ByteArrayBuffer values, ReadOnlySpan<int> rows, IBufferWriter<byte> output)
    {
        var lengths = ArrayPool<int>.Shared.Rent(rows.Length);
        try
        {
            for (var i = 0; i < rows.Length; i++) lengths[i] = values[rows[i]].Length;
            DeltaBinaryPacked.EncodeInt32(lengths.AsSpan(0, rows.Length), output);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }
        foreach (var row in rows) output.Write(values[row]);
    }

    /// <summary>Opens a length run that must hold at least <paramref name="count"/> values (shared with DELTA_BYTE_ARRAY).</summary>
    internal static DeltaBinaryPackedReader OpenLengths(ReadOnlySpan<byte> data, int count, string what)
    {
        if (count < 0)
            throw new ParquetFormatException($"{what}: value count {count} is negative.");
        var reader = new DeltaBinaryPackedReader(data, what);
        if (reader.TotalCount < count)
            throw new ParquetFormatException($"{what}: header declares {reader.TotalCount} values but {count} are expected.");
        return reader;
    }
}
