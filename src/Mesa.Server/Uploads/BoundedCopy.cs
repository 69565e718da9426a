using System.IO.Hashing;

namespace Mesa.Server.Uploads;

/// <summary>
/// Copies an archive member's decoded bytes, stopping at a limit (the sizes in a zip directory are claims, whatever the
/// stream yields) and checking the CRC-32 the directory declares, so a damaged member is never passed on as data.
/// </summary>
public static class BoundedCopy
{
    /// <returns>The bytes copied.</returns>
    /// <exception cref="WorkloadArchiveException">The member yields more than <paramref name="limit"/> bytes, or other bytes than declared.</exception>
    public static long Copy(Stream source, Stream target, string name, DeclaredMember declared, long limit)
    {
        var buffer = new byte[81920];
        var crc = new Crc32();
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            total += read;
            if (total > Math.Min(limit, declared.Length))
                throw new WorkloadArchiveException($"{name}: unpacks to more than its declared or allowed size.");
            crc.Append(buffer.AsSpan(0, read));
            target.Write(buffer, 0, read);
        }
        if (total != declared.Length || crc.GetCurrentHashAsUInt32() != declared.Crc32)
            throw new WorkloadArchiveException($"{name}: damaged: its content does not match the size and CRC-32 the archive declares.");
        return total;
    }
}
