using System.Buffers;
using Mesa.GeoParquet.Columns;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// DELTA_BYTE_ARRAY (incremental or front coding): each value is the first <c>prefix</c> bytes of the value
/// before it plus a suffix. Layout: prefix lengths as DELTA_BINARY_PACKED, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY. The value before the first one of a page is empty.
/// </summary>
internal static class DeltaByteArray
{
    private const string What = "DELTA_BYTE_ARRAY";
    private const int Batch = 256;

    /// <summary>Appends <paramref name="count"/> values to <paramref name="output"/>; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int count, ByteArrayBuffer output)
    {
        // A page without values may come without the length header at all.
        if (count == 0 && data.IsEmpty) return 0;
        var prefixes = DeltaLengthByteArray.OpenLengths(data, count, What + " prefix lengths");
        var measure = prefixes;
        var suffixesAt = measure.SkipToEnd();
        var suffixes = DeltaLengthByteArray.OpenLengths(data[suffixesAt..], count, What + " suffix lengths");
        measure = suffixes;
        var pos = suffixesAt + measure.SkipToEnd();

        Span<int> prefixBatch = stackalloc int[Batch];
        Span<int> suffixBatch = stackalloc int[Batch];
        var previousStart = 0;
        var previousLength = 0;
        for (var done = 0; done < count; done += Batch)
        {
            var n = Math.Min(Batch, count - done);
            prefixes.Read(prefixBatch[..n]);
            suffixes.Read(suffixBatch[..n]);
            for (var i = 0; i < n; i++)
            {
                int prefix = prefixBatch[i], suffix = suffixBatch[i];
                if (prefix < 0 || prefix > previousLength)
                    throw new ParquetFormatException(
                        $"{What}: value {done + i} of {count} reuses {prefix} bytes of a previous value of {previousLength} bytes.");
                if (suffix < 0 || suffix > data.Length - pos)
                    throw new ParquetFormatException(
                        $"{What}: value {done + i} of {count} has a suffix of {suffix} bytes but only {data.Length - pos} remain.");
                // Shared prefixes let a small page expand enormously; stop where the buffer's int offsets would.
                var start = output.ByteLength;
                if ((long)start + prefix + suffix > Array.MaxLength)
                    throw new ParquetFormatException($"{What}: decoded values exceed {Array.MaxLength} bytes.");
                var value = output.Reserve(prefix + suffix);
                // Reserve may have moved the bytes, so the previous value is read from the current array.
                output.Data.AsSpan(previousStart, prefix).CopyTo(value);
                data.Slice(pos, suffix).CopyTo(value[prefix..]);
                pos += suffix;
                previousStart = start;
                previousLength = prefix + suffix;
            }
        }
        return pos;
    }

    /// <summary>Writes <c>values[rows[i]]</c> for each i, each sharing its longest common prefix with the one before.</summary>
    public static void Encode(ByteArrayBuffer values, ReadOnlySpan<int> rows, IBufferWriter<byte> output)
    {
        var prefixes = ArrayPool<int>.Shared.Rent(rows.Length);
        var suffixes = ArrayPool<int>.Shared.Rent(rows.Length);
        try
        {
            var previous = ReadOnlySpan<byte>.Empty;
            for (var i = 0; i < rows.Length; i++)
            {
                var value = values[rows[i]];
                prefixes[i] = value.CommonPrefixLength(previous);
                suffixes[i] = value.Length - prefixes[i];
                previous = value;
            }
            DeltaBinaryPacked.EncodeInt32(prefixes.AsSpan(0, rows.Length), output);
            DeltaBinaryPacked.EncodeInt32(suffixes.AsSpan(0, rows.Length), output);
            for (var i = 0; i < rows.Length; i++) output.Write(values[rows[i]][prefixes[i]..]);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(prefixes);
            ArrayPool<int>.Shared.Return(suffixes);
        }
    }
}
