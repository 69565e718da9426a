using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Encodings;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Collects the present (non-null) values of a column chunk page by page, in whatever encoding
/// each page uses, then spreads them over the rows once the definition levels are known.
/// </summary>
internal abstract class ColumnBuilder
{
    protected ColumnBuilder(ColumnDescriptor descriptor) => Descriptor = descriptor;

    protected ColumnDescriptor Descriptor { get; }

    public abstract void SetDictionary(ReadOnlySpan<byte> data, int count, Encoding encoding);

    public abstract void AddValues(ReadOnlySpan<byte> data, int count, Encoding encoding);

    /// <param name="defined">Per row presence, or null when every row is present.</param>
    public abstract Column Build(bool[]? defined);

    public static ColumnBuilder Create(ColumnDescriptor descriptor, int rows, int byteHint) => descriptor.PhysicalType switch
    {
        PhysicalType.Boolean => new FixedBuilder<bool>(descriptor, rows),
        PhysicalType.Int32 => new FixedBuilder<int>(descriptor, rows),
        PhysicalType.Int64 => new FixedBuilder<long>(descriptor, rows),
        PhysicalType.Float => new FixedBuilder<float>(descriptor, rows),
        PhysicalType.Double => new FixedBuilder<double>(descriptor, rows),
        _ => new BinaryBuilder(descriptor, rows, byteHint),
    };

    protected static void CheckDictionaryEncoding(Encoding encoding)
    {
        if (encoding is not (Encoding.Plain or Encoding.PlainDictionary))
            throw new ParquetFormatException($"dictionary page encoded as {encoding}; expected PLAIN.");
    }

    /// <summary>Decodes the RLE/bit-packed dictionary indices of a data page and checks their range.</summary>
    protected static int[] DecodeIndices(ReadOnlySpan<byte> data, int count, int dictionarySize)
    {
        if (dictionarySize < 0) throw new ParquetFormatException("dictionary-encoded page without a preceding dictionary page.");
        var indices = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        if (count == 0) return indices;
        if (data.IsEmpty) throw new ParquetFormatException("dictionary-encoded page has no bit width byte.");
        var bitWidth = data[0];
        if (bitWidth > 32) throw new ParquetFormatException($"dictionary index bit width {bitWidth} exceeds 32.");
        RleBitPackedHybrid.Decode(data[1..], bitWidth, indices.AsSpan(0, count));
        foreach (var index in indices.AsSpan(0, count))
        {
            if ((uint)index >= (uint)dictionarySize)
                throw new ParquetFormatException($"dictionary index {index} is out of range (dictionary has {dictionarySize} entries).");
        }
        return indices;
    }

    protected ParquetFormatException Unsupported(Encoding encoding) =>
        new($"encoding {encoding} is not valid for {Descriptor.PhysicalType} values.");

    private sealed class FixedBuilder<T>(ColumnDescriptor descriptor, int rows) : ColumnBuilder(descriptor) where T : unmanaged
    {
        private readonly T[] _values = new T[rows];
        private T[]? _dictionary;
        private int _count;

        public override void SetDictionary(ReadOnlySpan<byte> data, int count, Encoding encoding)
        {
            CheckDictionaryEncoding(encoding);
            if ((long)count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() > data.Length && typeof(T) != typeof(bool))
                throw new ParquetFormatException($"dictionary page claims {count} values but holds {data.Length} bytes.");
            _dictionary = new T[count];
            DecodePlain(data, _dictionary);
        }

        public override void AddValues(ReadOnlySpan<byte> data, int count, Encoding encoding)
        {
            var target = _values.AsSpan(_count, count);
            switch (encoding)
            {
                case Encoding.Plain:
                    DecodePlain(data, target);
                    break;
                case Encoding.PlainDictionary or Encoding.RleDictionary:
                    var dictionary = _dictionary ?? [];
                    var indices = DecodeIndices(data, count, _dictionary is null ? -1 : dictionary.Length);
                    try
                    {
                        for (var i = 0; i < target.Length; i++) target[i] = dictionary[indices[i]];
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(indices);
                    }
                    break;
                case Encoding.Rle when typeof(T) == typeof(bool):
                    DecodeRleBooleans(data, MemoryMarshal.Cast<T, bool>(target));
                    break;
                case Encoding.DeltaBinaryPacked when typeof(T) == typeof(int):
                    DeltaBinaryPacked.DecodeInt32(data, MemoryMarshal.Cast<T, int>(target));
                    break;
                case Encoding.DeltaBinaryPacked when typeof(T) == typeof(long):
                    DeltaBinaryPacked.DecodeInt64(data, MemoryMarshal.Cast<T, long>(target));
                    break;
                case Encoding.ByteStreamSplit when typeof(T) != typeof(bool):
                    ByteStreamSplit.Decode(data, count, System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), MemoryMarshal.AsBytes(target));
                    break;
                default:
                    throw Unsupported(encoding);
            }
            _count += count;
        }

        public override Column Build(bool[]? defined)
        {
            if (defined is not null) SpreadOverRows(defined);
            return new PrimitiveColumn<T>(Descriptor, _values, defined);
        }

        // Present values sit packed at the front; walking backwards moves each to its row in place.
        private void SpreadOverRows(bool[] defined)
        {
            var next = _count - 1;
            for (var row = _values.Length - 1; row >= 0; row--)
                _values[row] = defined[row] ? _values[next--] : default;
        }

        private static void DecodePlain(ReadOnlySpan<byte> data, Span<T> target)
        {
            if (typeof(T) == typeof(bool)) PlainEncoding.DecodeBooleans(data, MemoryMarshal.Cast<T, bool>(target));
            else PlainEncoding.DecodeFixed(data, target);
        }

        // Booleans in RLE pages (data page v2) carry a 4-byte length, then bit width 1 runs.
        private static void DecodeRleBooleans(ReadOnlySpan<byte> data, Span<bool> target)
        {
            if (data.Length < 4) throw new ParquetFormatException("RLE boolean page too short.");
            var length = BinaryPrimitives.ReadInt32LittleEndian(data);
            if (length < 0 || length > data.Length - 4) throw new ParquetFormatException($"RLE boolean run claims {length} bytes.");
            var bits = ArrayPool<int>.Shared.Rent(Math.Max(target.Length, 1));
            try
            {
                RleBitPackedHybrid.Decode(data.Slice(4, length), 1, bits.AsSpan(0, target.Length));
                for (var i = 0; i < target.Length; i++) target[i] = bits[i] != 0;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(bits);
            }
        }
    }

    private sealed class BinaryBuilder(ColumnDescriptor descriptor, int rows, int byteHint) : ColumnBuilder(descriptor)
    {
        private readonly ByteArrayBuffer _values = new(rows, Math.Min(byteHint, 256 * 1024 * 1024));
        private ByteArrayBuffer? _dictionary;

        private int Width => Descriptor.TypeLength;

        private bool IsFixedLength => Descriptor.PhysicalType != PhysicalType.ByteArray;

        public override void SetDictionary(ReadOnlySpan<byte> data, int count, Encoding encoding)
        {
            CheckDictionaryEncoding(encoding);
            if (count > data.Length && !(IsFixedLength && Width == 0))
                throw new ParquetFormatException($"dictionary page claims {count} values but holds {data.Length} bytes.");
            _dictionary = new ByteArrayBuffer(count, data.Length);
            DecodePlain(data, count, _dictionary);
        }

        public override void AddValues(ReadOnlySpan<byte> data, int count, Encoding encoding)
        {
            switch (encoding)
            {
                case Encoding.Plain:
                    DecodePlain(data, count, _values);
                    break;
                case Encoding.PlainDictionary or Encoding.RleDictionary:
                    var dictionary = _dictionary ?? new ByteArrayBuffer(1, 1);
                    var indices = DecodeIndices(data, count, _dictionary is null ? -1 : dictionary.Count);
                    try
                    {
                        var offsets = dictionary.Offsets;
                        var bytes = dictionary.Data;
                        for (var i = 0; i < count; i++)
                        {
                            var index = indices[i];
                            _values.Add(bytes.AsSpan(offsets[index], offsets[index + 1] - offsets[index]));
                        }
                    }
                    finally
                    {
                        ArrayPool<int>.Shared.Return(indices);
                    }
                    break;
                case Encoding.DeltaLengthByteArray when !IsFixedLength:
                    DeltaLengthByteArray.Decode(data, count, _values);
                    break;
                case Encoding.DeltaByteArray:
                    DeltaByteArray.Decode(data, count, _values);
                    break;
                case Encoding.ByteStreamSplit when IsFixedLength:
                    if ((long)count * Width > data.Length) throw new ParquetFormatException($"BYTE_STREAM_SPLIT page holds {data.Length} bytes for {count} values of {Width} bytes.");
                    var joined = new byte[count * Width];
                    ByteStreamSplit.Decode(data, count, Width, joined);
                    for (var i = 0; i < count; i++) _values.Add(joined.AsSpan(i * Width, Width));
                    break;
                default:
                    throw Unsupported(encoding);
            }
        }

        public override Column Build(bool[]? defined)
        {
            if (defined is null) return new BinaryColumn(Descriptor, _values, null);
            // Null rows become empty entries: only the offsets are rebuilt, the bytes stay put.
            var dense = new int[defined.Length + 1];
            var packed = _values.Offsets;
            var next = 0;
            for (var row = 0; row < defined.Length; row++)
            {
                if (defined[row]) next++;
                dense[row + 1] = packed[next];
            }
            return new BinaryColumn(Descriptor, ByteArrayBuffer.FromParts(dense, _values.Data, defined.Length), defined);
        }

        private void DecodePlain(ReadOnlySpan<byte> data, int count, ByteArrayBuffer target)
        {
            if (IsFixedLength) PlainEncoding.DecodeFixedLenByteArrays(data, count, Width, target);
            else PlainEncoding.DecodeByteArrays(data, count, target);
        }
    }
}
