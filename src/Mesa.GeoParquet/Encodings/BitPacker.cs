using System.Buffers.Binary;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// Packs values of a fixed bit width (0..64), LSB first, into a caller-sized span: the layout of RLE
/// bit-packed runs and DELTA miniblocks. The caller sizes <c>dst</c> as ceil(count * width / 8) bytes.
/// </summary>
internal ref struct BitPacker
{
    private readonly Span<byte> _dst;
    private readonly int _width;
    private ulong _acc;
    private int _bits;
    private int _pos;

    public BitPacker(Span<byte> dst, int width)
    {
        _dst = dst;
        _width = width;
    }

    /// <summary>Appends the low <c>width</c> bits of <paramref name="value"/>.</summary>
    public void Add(ulong value)
    {
        if (_width == 0) return;
        if (_width < 64) value &= (1UL << _width) - 1;
        _acc |= value << _bits;
        _bits += _width;
        if (_bits >= 64)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_dst[_pos..], _acc);
            _pos += 8;
            _bits -= 64;
            // The bits of value that did not fit; a shift by 64 would be a no-op in C#, hence the guard.
            _acc = _bits == 0 ? 0 : value >> (_width - _bits);
        }
    }

    /// <summary>Writes the last partial word.</summary>
    public void Flush()
    {
        for (; _bits > 0; _bits -= 8, _acc >>= 8) _dst[_pos++] = (byte)_acc;
        _bits = 0;
    }
}
