using SharpCompress.Readers;

namespace Mesa.Server.Uploads;

/// <summary>
/// Reads the members of an uploaded zip in one forward pass with SharpCompress, which decodes DEFLATE, stored and
/// LZMA entries alike (MESA's backups may use LZMA, which System.IO.Compression cannot read). Its archive API reads
/// an LZMA entry byte by byte through seeking layers (about 50 s for 86 MB here, against 10 s forward), so the
/// forward reader it is. Any failure to read the archive becomes a <see cref="WorkloadArchiveException"/> naming the
/// member; failures writing our own files stay what they are.
/// </summary>
public static class ArchiveMembers
{
    /// <summary>Hands each member <paramref name="wanted"/> selects (by its '/'-separated name) to <paramref name="use"/>, in archive order.</summary>
    /// <returns>The names handed over.</returns>
    public static IReadOnlySet<string> Read(string zipPath, Func<string, bool> wanted, Action<string, Stream> use)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var file = new BufferedStream(File.OpenRead(zipPath), 1 << 16);
        using var reader = Guard("the archive", () => ReaderFactory.OpenReader(file, new ReaderOptions { LeaveStreamOpen = true }));
        while (Guard("the archive", reader.MoveToNextEntry))
        {
            var entry = reader.Entry;
            var name = entry.Key ?? "";
            if (entry.IsDirectory || !wanted(name)) continue;
            if (!seen.Add(name)) throw new WorkloadArchiveException($"{name}: appears twice in the archive.");
            if (entry.IsEncrypted) throw new WorkloadArchiveException($"{name}: is encrypted; upload an archive without a password.");
            using var stream = new GuardedStream(name, Guard(name, reader.OpenEntryStream));
            use(name, stream);
        }
        return seen;
    }

    private static T Guard<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (Unreadable(e))
        {
            throw new WorkloadArchiveException($"{what}: cannot be read as a zip member ({e.Message}).");
        }
    }

    private static bool Unreadable(Exception e) => e is not (WorkloadArchiveException or OperationCanceledException or OutOfMemoryException);

    /// <summary>An entry's decoded bytes, with decoding failures (corrupt data, unknown methods) reported as the upload's fault.</summary>
    private sealed class GuardedStream(string name, Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (Exception e) when (Unreadable(e))
            {
                throw new WorkloadArchiveException($"{name}: cannot be unpacked ({e.Message}).");
            }
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // Disposing decodes what is left of the entry, so it can meet damaged data too.
        protected override void Dispose(bool disposing)
        {
            try
            {
                if (disposing) inner.Dispose();
            }
            catch (Exception e) when (Unreadable(e))
            {
                throw new WorkloadArchiveException($"{name}: cannot be unpacked ({e.Message}).");
            }
            base.Dispose(disposing);
        }
    }
}
