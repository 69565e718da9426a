namespace Mesa.Server.Security;

/// <summary>Unpadded base64url (RFC 4648 section 5), safe in URLs and mail bodies.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
