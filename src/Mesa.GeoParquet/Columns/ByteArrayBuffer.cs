namespace Mesa.GeoParquet.Columns;

/// <summary>
/// A growable list of byte strings stored back to back in one buffer: value i is
/// <c>Data[Offsets[i]..Offsets[i + 1]]</c>. Used for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values
/// so that a column of a million geometries is two arrays, not a million objects.
/// </summary>
public sealed class ByteArrayBuffer
{
    private int[] _offsets;
    private byte[] _data;

    public ByteArrayBuffer(int expectedCount = 16, int expectedBytes = 256)
    {
        _offsets = new int[Math.Max(expectedCount, 1) + 1];
        _data = new byte[Math.Max(expectedBytes, 16)];
    }

    private ByteArrayBuffer(int[] offsets, byte[] data, int count)
    {
        _offsets = offsets;
        _data = data;
        Count = count;
    }

    /// <summary>Wraps existing arrays: value i is data[offsets[i]..offsets[i + 1]].</summary>
    internal static ByteArrayBuffer FromParts(int[] offsets, byte[] data, int count) => new(offsets, data, count);

    /// <summary>Number of values held.</summary>
    public int Count { get; private set; }

    /// <summary>Total bytes of all values.</summary>
    public int ByteLength => _offsets[Count];

    /// <summary>Offsets, length <see cref="Count"/> + 1 (only the first Count + 1 entries are meaningful).</summary>
    public int[] Offsets => _offsets;

    /// <summary>Value bytes (only the first <see cref="ByteLength"/> bytes are meaningful).</summary>
    public byte[] Data => _data;

    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _data.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);
        }
    }

    public void Add(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>Appends a value of <paramref name="length"/> bytes and returns the span to fill in.</summary>
    public Span<byte> Reserve(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (Count + 2 > _offsets.Length) Array.Resize(ref _offsets, checked(_offsets.Length * 2));
        var start = _offsets[Count];
        var end = checked(start + length);
        if (end > _data.Length) Array.Resize(ref _data, Math.Max(end, checked((int)Math.Min((long)_data.Length * 2, Array.MaxLength))));
        Count++;
        _offsets[Count] = end;
        return _data.AsSpan(start, length);
    }

    /// <summary>Makes room for <paramref name="count"/> more values of about <paramref name="bytes"/> bytes in total.</summary>
    public void EnsureCapacity(int count, int bytes)
    {
        if (Count + count + 1 > _offsets.Length) Array.Resize(ref _offsets, Count + count + 1);
        if (ByteLength + bytes > _data.Length) Array.Resize(ref _data, ByteLength + bytes);
    }

    public void Clear() => Count = 0;
}
