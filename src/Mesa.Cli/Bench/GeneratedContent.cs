using System.Net;

namespace Mesa.Cli.Bench;

/// <summary>
/// A request body of <paramref name="bytes"/> bytes written on the fly from one 1 MiB buffer, so a gigabyte upload
/// costs the client neither memory nor a file; the length is declared up front (Content-Length, no chunking).
/// </summary>
internal sealed class GeneratedContent(long bytes) : HttpContent
{
    private const int BufferBytes = 1024 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        new Random(1).NextBytes(buffer);
        for (var left = bytes; left > 0; left -= BufferBytes)
            await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(BufferBytes, left)), cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes;
        return true;
    }
}
