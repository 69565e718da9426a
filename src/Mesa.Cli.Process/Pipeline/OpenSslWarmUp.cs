using System.Security.Cryptography;

namespace Mesa.Cli.Pipeline;

/// <summary>
/// Loads OpenSSL, which the manifest's SHA-256 needs after every stage, on a thread of its own as soon as
/// <c>process</c> starts, so that a small job does not wait for it at the end: the manifest phase of a 1 km square
/// sample fell from about 7 ms to about 1.5 ms (docs/performance.md, "Fixed costs of a run"). ParquetSharp's library
/// is not loaded this way: the first table read follows too soon, and loading it beside the main thread slowed both.
/// </summary>
public static class OpenSslWarmUp
{
    public static void Start() => new Thread(static () =>
    {
        try
        {
            SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }
        catch (Exception)
        {
            // A library that cannot load fails where it is used, with that command's error; here it only costs the head start.
        }
    }) { IsBackground = true, Name = "OpenSSL warm-up" }.Start();
}
