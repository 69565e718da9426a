using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// Streams the values of one DELTA_BINARY_PACKED run: a header
/// (<c>block size, miniblocks per block, total count, zigzag first value</c>) and blocks of
/// (<c>zigzag min delta, one bit width per miniblock, the miniblocks</c>). Values come out in batches of
/// any size and a run can be measured without unpacking, so the byte-array encodings that put data after
/// their length streams never need a buffer sized by an untrusted count.
/// Arithmetic wraps modulo 2^64; narrowing to int32 then gives the spec's modulo 2^32 result.
/// </summary>
internal ref struct DeltaBinaryPackedReader
{
    private const int ChunkSize = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _what;
    private readonly int _miniblocks;
    private readonly int _valuesPerMiniblock;
    private int _pos;              // next byte after everything opened so far
    private bool _firstPending;    // the header's first value has not been returned yet
    private ulong _last;           // the value returned last (the first value before that)
    private int _unopenedDeltas;   // deltas whose miniblock has not been opened
    private ulong _minDelta;
    private int _widthsAt;         // byte offset of the current block's bit widths
    private int _miniblock;        // index of the open miniblock; _miniblocks when a new block must be read
    private int _width;
    private int _miniblockLeft;    // deltas of the open miniblock not yet unpacked
    private int _chunkAt;          // byte offset of the open miniblock's next chunk
    private Chunk _chunk;          // unpacked deltas, min delta already added
    private int _chunkPos;
    private int _chunkCount;

    /// <summary>Reads and checks the header; <paramref name="what"/> names the stream in error messages.</summary>
    public DeltaBinaryPackedReader(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _what = what;
        var blockSize = VarInt.ReadCount(data, ref _pos, what, "block size");
        if (blockSize == 0 || blockSize % 128 != 0)
            throw new ParquetFormatException($"{what}: block size {blockSize} is not a positive multiple of 128.");
        _miniblocks = VarInt.ReadCount(data, ref _pos, what, "miniblock count");
        if (_miniblocks == 0 || blockSize % _miniblocks != 0 || blockSize / _miniblocks % 32 != 0)
            throw new ParquetFormatException(
                $"{what}: {_miniblocks} miniblocks do not split a block of {blockSize} values into multiples of 32.");
        _valuesPerMiniblock = blockSize / _miniblocks;
        TotalCount = VarInt.ReadCount(data, ref _pos, what, "value count");
        _last = (ulong)VarInt.ReadZigZag(data, ref _pos, what);
        _firstPending = TotalCount > 0;
        _unopenedDeltas = Math.Max(TotalCount - 1, 0);
        _miniblock = _miniblocks;

        // Every block spends at least one byte on its min delta and one per bit width, so a count claiming
        // more blocks than the data can hold is rejected before any work is done.
        var blocks = ((long)_unopenedDeltas + blockSize - 1) / blockSize;
        if (blocks * (1 + _miniblocks) > data.Length - _pos)
            throw new ParquetFormatException(
                $"{what}: {TotalCount} values need at least {blocks * (1 + _miniblocks)} bytes of blocks but only {data.Length - _pos} remain.");
    }

    /// <summary>The value count the header declares.</summary>
    public int TotalCount { get; }

    /// <summary>Values not yet read.</summary>
    public readonly int Remaining => (_firstPending ? 1 : 0) + _chunkCount - _chunkPos + _miniblockLeft + _unopenedDeltas;

    /// <summary>Reads the next <c>output.Length</c> values (at most <see cref="Remaining"/>), truncated to <typeparamref name="T"/>.</summary>
    public void Read<T>(scoped Span<T> output) where T : unmanaged, IBinaryInteger<T>
    {
        if (output.Length > Remaining) throw new ArgumentOutOfRangeException(nameof(output), "More values requested than remain.");
        if (output.IsEmpty) return;
        var i = 0;
        if (_firstPending)
        {
            output[i++] = T.CreateTruncating(_last);
            _firstPending = false;
        }
        var last = _last;
        while (i < output.Length)
        {
            if (_chunkPos == _chunkCount) FillChunk();
            var n = Math.Min(output.Length - i, _chunkCount - _chunkPos);
            ReadOnlySpan<ulong> deltas = ((ReadOnlySpan<ulong>)_chunk).Slice(_chunkPos, n);
            var target = output.Slice(i, n);
            for (var k = 0; k < deltas.Length; k++)
            {
                last += deltas[k];
                target[k] = T.CreateTruncating(last);
            }
            _chunkPos += n;
            i += n;
        }
        _last = last;
    }

    /// <summary>Skips the values not read yet, checking only the block framing, and returns the bytes the whole run takes.</summary>
    public int SkipToEnd()
    {
        while (_unopenedDeltas > 0) OpenMiniblock();
        _miniblockLeft = 0;
        _chunkPos = _chunkCount = 0;
        _firstPending = false;
        return _pos;
    }

    private void FillChunk()
    {
        if (_miniblockLeft == 0) OpenMiniblock();
        var n = Math.Min(ChunkSize, _miniblockLeft);
        Span<ulong> chunk = ((Span<ulong>)_chunk)[..n];
        // Chunks start at multiples of 64 values, so they start on byte boundaries for every width.
        BitUnpacking.Unpack(_data[_chunkAt..], _width, chunk);
        if (_minDelta != 0)
            for (var k = 0; k < chunk.Length; k++) chunk[k] += _minDelta;
        _chunkAt += ChunkSize / 8 * _width;
        _miniblockLeft -= n;
        _chunkPos = 0;
        _chunkCount = n;
    }

    private void OpenMiniblock()
    {
        if (++_miniblock >= _miniblocks) OpenBlock();
        _width = _data[_widthsAt + _miniblock];
        if (_width > 64)
            throw new ParquetFormatException($"{_what}: miniblock bit width {_width} at byte {_widthsAt + _miniblock} is larger than 64.");
        var count = Math.Min(_valuesPerMiniblock, _unopenedDeltas);
        var needed = ((long)count * _width + 7) / 8;
        if (needed > _data.Length - _pos)
            throw new ParquetFormatException(
                $"{_what}: miniblock at byte {_pos} needs {needed} bytes but only {_data.Length - _pos} remain.");
        _chunkAt = _pos;
        // The last miniblock is padded to full size; tolerate a writer that dropped padding at the very end.
        _pos += (int)Math.Min((long)_valuesPerMiniblock * _width / 8, _data.Length - _pos);
        _unopenedDeltas -= count;
        _miniblockLeft = count;
    }

    private void OpenBlock()
    {
        _minDelta = (ulong)VarInt.ReadZigZag(_data, ref _pos, _what);
        if (_data.Length - _pos < _miniblocks)
            throw new ParquetFormatException($"{_what}: data ends inside the bit widths of the block at byte {_pos}.");
        _widthsAt = _pos;
        _pos += _miniblocks;
        _miniblock = 0;
    }

    [InlineArray(ChunkSize)]
    private struct Chunk
    {
        private ulong _element;
    }
}
