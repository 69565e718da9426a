using System.Security.Cryptography;
using Mesa.Server.Storage;

namespace Mesa.Server.Uploads;

/// <summary>
/// A resumable upload: chunks are appended to one partial file in the job's folder, each only where the stored bytes
/// end, so a client that lost a reply asks for the offset and goes on from there. Every write holds an exclusive OS lock
/// on the partial file (seen by other processes too, where the data folder's file system supports locks), so concurrent chunks never interleave.
/// Finishing checks the client's SHA-256 and moves the file to <see cref="DataFolder.Upload"/> in one rename.
/// </summary>
public sealed class ChunkedUpload(DataFolder folder, string jobId)
{
    private readonly string _partial = folder.PartialUpload(jobId);

    /// <summary>How many bytes the server holds.</summary>
    public long Offset => File.Exists(_partial) ? new FileInfo(_partial).Length : 0;

    /// <summary>Appends <paramref name="body"/> if <paramref name="offset"/> is where the stored bytes end; the upload stays within <paramref name="limit"/> bytes.</summary>
    /// <remarks>A body that breaks off leaves what arrived stored, so the client resumes from there.</remarks>
    public async Task<ChunkOutcome> AppendAsync(long offset, Stream body, long limit, CancellationToken cancellation)
    {
        Directory.CreateDirectory(folder.JobFolder(jobId));
        await using var file = TryLock(FileMode.OpenOrCreate);
        if (file is null) return new ChunkOutcome.Busy();
        if (file.Length != offset) return new ChunkOutcome.WrongOffset(file.Length);
        file.Seek(offset, SeekOrigin.Begin);
        try
        {
            await UploadReceiver.AppendAsync(body, file, limit - offset, hash: null, cancellation);
        }
        catch (UploadTooLargeException)
        {
            file.SetLength(offset);
            return new ChunkOutcome.TooLarge(offset);
        }
        return new ChunkOutcome.Appended(file.Length);
    }

    /// <summary>Compares the stored bytes' SHA-256 with <paramref name="sha256"/> (lower-case hex); a mismatch discards them.</summary>
    public async Task<FinishOutcome> FinishAsync(string sha256, CancellationToken cancellation)
    {
        if (!File.Exists(_partial)) return new FinishOutcome.Empty();
        await using var file = TryLock(FileMode.Open);
        if (file is null) return new FinishOutcome.Busy();
        if (file.Length == 0) return new FinishOutcome.Empty();
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellation));
        // Renamed or deleted while still locked, so no chunk can slip in between the check and the move.
        if (actual != sha256)
        {
            File.Delete(_partial);
            return new FinishOutcome.Mismatch(file.Length, actual);
        }
        File.Move(_partial, folder.Upload(jobId), overwrite: true);
        return new FinishOutcome.Finished(file.Length, actual);
    }

    private FileStream? TryLock(FileMode mode)
    {
        try
        {
            return new FileStream(_partial, mode, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
        }
        catch (IOException) when (File.Exists(_partial))
        {
            return null;
        }
    }
}
