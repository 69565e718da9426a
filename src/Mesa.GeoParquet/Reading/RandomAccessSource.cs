using Microsoft.Win32.SafeHandles;

namespace Mesa.GeoParquet.Reading;

/// <summary>Positioned reads from a file or stream; safe to call from several threads.</summary>
internal abstract class RandomAccessSource : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>; throws when the source ends first.</summary>
    public abstract void ReadExactly(long offset, Span<byte> buffer);

    public abstract void Dispose();

    public static RandomAccessSource ForFile(string path) => new FileSource(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read));

    public static RandomAccessSource ForStream(Stream stream, bool leaveOpen) => new StreamSource(stream, leaveOpen);

    private sealed class FileSource(SafeFileHandle handle) : RandomAccessSource
    {
        public override long Length { get; } = RandomAccess.GetLength(handle);

        public override void ReadExactly(long offset, Span<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var read = RandomAccess.Read(handle, buffer, offset);
                if (read == 0) throw new EndOfStreamException($"Unexpected end of file at byte {offset}.");
                buffer = buffer[read..];
                offset += read;
            }
        }

        public override void Dispose() => handle.Dispose();
    }

    private sealed class StreamSource(Stream stream, bool leaveOpen) : RandomAccessSource
    {
        private readonly Lock _gate = new();

        public override long Length { get; } = stream.CanSeek
            ? stream.Length
            : throw new ArgumentException("Parquet needs a seekable stream: the footer is at the end.");

        public override void ReadExactly(long offset, Span<byte> buffer)
        {
            lock (_gate)
            {
                stream.Position = offset;
                stream.ReadExactly(buffer);
            }
        }

        public override void Dispose()
        {
            if (!leaveOpen) stream.Dispose();
        }
    }
}
