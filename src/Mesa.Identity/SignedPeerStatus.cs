using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mesa.Identity;

/// <summary>
/// A peer status and its signature by the sender's active key, whose root certificate travels with it. The receiver
/// checks the certificate against the root its seed names for the sender, never against a root the message names.
/// </summary>
public sealed record SignedPeerStatus(PeerStatus Status, DocumentSignature Signature)
{
    private const string What = "the status";

    public static SignedPeerStatus Sign(PeerStatus status, ECDsa activeKey, KeyCertificate certificate) =>
        new(status, DocumentSignature.Sign(SignedBytes(status), activeKey, certificate));

    public string ToJson() => JsonSerializer.Serialize(this, IdentityJson.Strict);

    /// <exception cref="IdentityException">The text is not a status.</exception>
    public static SignedPeerStatus Read(string json)
    {
        var message = IdentityJson.Read<SignedPeerStatus>(json, What);
        if (message.Status.SchemaVersion != PeerStatus.CurrentSchemaVersion)
            throw new IdentityException($"the status has schema_version {message.Status.SchemaVersion}; this server reads version {PeerStatus.CurrentSchemaVersion}.");
        return message;
    }

    /// <summary>Checks that the status is signed by an active key that <paramref name="senderRoot"/> certified, valid when it was sent.</summary>
    /// <exception cref="IdentityException">Signed by the root itself, by a key of another root, or tampered with.</exception>
    public void Verify(string senderRoot)
    {
        if (Signature.Certificate is null)
            throw new IdentityException("the status is not signed by an active key (no certificate); a root key never signs statuses.");
        Signature.Check(SignedBytes(Status), senderRoot, Status.SentAt, What);
    }

    private static byte[] SignedBytes(PeerStatus status) =>
        [.. Encoding.UTF8.GetBytes("mesa-peer-status/1\n"), .. JsonSerializer.SerializeToUtf8Bytes(status, IdentityJson.Strict)];
}
