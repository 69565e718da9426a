using Mesa.Identity;

namespace Mesa.Server.Peers;

/// <summary>An imported cluster seed as stored: its signed document and when it was imported and last made current.</summary>
public sealed record PeerSeedRow
{
    public required long Version { get; init; }
    public required string SeedId { get; init; }
    public required long CreatedMs { get; init; }
    public required string SignerKeyId { get; init; }
    public required long ImportedMs { get; init; }
    public required long ActivatedMs { get; init; }
    public required string Document { get; init; }

    /// <summary>The seed itself; it was verified when imported.</summary>
    public ClusterSeed Seed() => IdentityJson.Read<SignedClusterSeed>(Document, "the stored seed").Seed;
}
