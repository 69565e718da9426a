using System.Buffers;
using System.Security.Cryptography;

namespace Mesa.Server.Uploads;

/// <summary>
/// Streams a request body to a file in fixed-size chunks (constant memory), stopping as soon as it
/// passes the limit, and hashes it on the way. The file appears only when complete (rename).
/// </summary>
public static class UploadReceiver
{
    public static async Task<(long Bytes, string Sha256)> ReceiveAsync(Stream body, string path, long limit, CancellationToken cancellation)
    {
        // A name of its own per upload, so two PUTs to the same URL never write into one file.
        var partial = $"{path}.{Guid.NewGuid():N}.part";
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellation)) > 0)
                {
                    total += read;
                    if (total > limit) throw new UploadTooLargeException(limit);
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellation);
                }
            }
            File.Move(partial, path, overwrite: true);
            return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
