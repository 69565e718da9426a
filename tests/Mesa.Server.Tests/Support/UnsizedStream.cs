namespace Mesa.Server.Tests.Support;

/// <summary>A stream that hides its length, so the client sends it chunked (no Content-Length for the server to check up front).</summary>
public sealed class UnsizedStream(byte[] data) : MemoryStream(data)
{
    public override bool CanSeek => false;
}
