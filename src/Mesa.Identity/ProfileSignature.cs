namespace Mesa.Identity;

/// <summary>
/// The ES256 signature of a profile, by the root itself (<see cref="Certificate"/> null, <see cref="PublicKey"/> the
/// root's) or by a key the root certified (the certificate travels with the signature).
/// </summary>
public sealed record ProfileSignature(string Alg, string KeyId, string PublicKey, KeyCertificate? Certificate, string Value);
