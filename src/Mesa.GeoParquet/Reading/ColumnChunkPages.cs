using System.Buffers;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Thrift;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Walks the pages of one column chunk straight from the source, holding one page at a time, so reading
/// needs memory for the decoded values plus one page rather than for the whole compressed chunk.
/// </summary>
internal sealed class ColumnChunkPages(RandomAccessSource source, long chunkStart, int chunkLength) : IDisposable
{
    // Page headers are small (statistics of long strings being the exception); start with this window and
    // widen it only when a header does not fit.
    private const int HeaderWindow = 16 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(HeaderWindow);
    private int _position;

    /// <summary>Chunk-relative offset of the next page.</summary>
    public int Position => _position;

    public bool AtEnd => _position >= chunkLength;

    /// <summary>Reads the next page; its body stays valid until the next call.</summary>
    public PageHeader Next(out ReadOnlySpan<byte> body)
    {
        var remaining = chunkLength - _position;
        var (header, headerLength) = ReadHeader(remaining);
        if (header.CompressedPageSize < 0 || header.CompressedPageSize > remaining - headerLength)
            throw new ParquetFormatException($"page at chunk byte {_position + headerLength} claims {header.CompressedPageSize} compressed bytes; only {remaining - headerLength} remain.");
        var pageLength = headerLength + header.CompressedPageSize;
        EnsureBuffer(pageLength);
        source.ReadExactly(chunkStart + _position, _buffer.AsSpan(0, pageLength));
        body = _buffer.AsSpan(headerLength, header.CompressedPageSize);
        _position += pageLength;
        return header;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private (PageHeader Header, int Length) ReadHeader(int remaining)
    {
        var window = Math.Min(HeaderWindow, remaining);
        while (true)
        {
            EnsureBuffer(window);
            source.ReadExactly(chunkStart + _position, _buffer.AsSpan(0, window));
            try
            {
                var header = ParquetThrift.ReadPageHeader(_buffer.AsSpan(0, window), out var length);
                return (header, length);
            }
            catch (ParquetFormatException) when (window < remaining)
            {
                window = (int)Math.Min((long)window * 4, remaining); // the header may run past the window
            }
        }
    }

    private void EnsureBuffer(int length)
    {
        if (_buffer.Length >= length) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = ArrayPool<byte>.Shared.Rent(length);
    }
}
