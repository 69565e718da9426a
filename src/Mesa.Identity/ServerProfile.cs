namespace Mesa.Identity;

/// <summary>
/// What a client needs to use a server (plan: "Credential + server info file"). Every field is required in the
/// JSON; optional ones are present as null.
/// </summary>
public sealed record ServerProfile(
    int SchemaVersion,
    string ProfileId,
    DateTimeOffset Created,
    ServerIdentity Server,
    CapacityHints Capacity,
    TrustBundle Trust,
    PolicyHints Policy)
{
    public const int CurrentSchemaVersion = 1;
}

/// <param name="BaseUrl">Where clients send requests; its host is <paramref name="DnsName"/>.</param>
public sealed record ServerIdentity(string DnsName, string? Ip, string BaseUrl, string Environment);

public sealed record CapacityHints(long MaxUploadBytes, int MaxConcurrentJobs, int GpuCount, string? GpuType);

/// <param name="KeyMetadataUrl">Where the active keys and their root certificates are published (<c>/.well-known/mesa-keys</c>).</param>
public sealed record TrustBundle(string RootFingerprint, string ActiveKeyId, string KeyMetadataUrl);

/// <param name="Scope">The pipeline stages the server runs, e.g. "intersect flatten segment tiles".</param>
public sealed record PolicyHints(double RetentionDays, int MaxJobMinutes, string Scope);
