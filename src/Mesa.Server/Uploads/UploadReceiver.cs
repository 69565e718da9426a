using System.Buffers;
using System.Security.Cryptography;

namespace Mesa.Server.Uploads;

/// <summary>
/// Streams request bodies to files in fixed-size chunks (constant memory), stopping as soon as they pass the
/// limit. A whole-body upload is hashed on the way and appears only when complete (rename).
/// </summary>
public static class UploadReceiver
{
    private const int BufferBytes = 81920;

    public static async Task<(long Bytes, string Sha256)> ReceiveAsync(Stream body, string path, long limit, CancellationToken cancellation)
    {
        // A name of its own per upload, so two PUTs to the same URL never write into one file.
        var partial = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
                total = await AppendAsync(body, file, limit, hash, cancellation);
            File.Move(partial, path, overwrite: true);
            return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>Writes <paramref name="body"/> at the file's position, feeding <paramref name="hash"/> when given; returns the bytes written.</summary>
    /// <exception cref="UploadTooLargeException">The body passed <paramref name="limit"/> bytes; what came before the last read is written.</exception>
    public static async Task<long> AppendAsync(Stream body, Stream file, long limit, IncrementalHash? hash, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellation)) > 0)
            {
                total += read;
                if (total > limit) throw new UploadTooLargeException(limit);
                hash?.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
