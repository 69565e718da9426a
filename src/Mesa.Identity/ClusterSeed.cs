namespace Mesa.Identity;

/// <summary>
/// The servers an admin declares to know each other ("cluster seed"): each peer's base URL, the fingerprint of the
/// root that certifies its keys, and a label. A seed with a higher <see cref="Version"/> supersedes a lower one.
/// </summary>
public sealed record ClusterSeed(int SchemaVersion, string SeedId, long Version, DateTimeOffset Created, IReadOnlyList<SeedPeer> Peers)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>The peer whose keys <paramref name="rootFingerprint"/> certifies; null when the seed names none.</summary>
    public SeedPeer? PeerWithRoot(string rootFingerprint) => Peers.FirstOrDefault(p => p.RootFingerprint == rootFingerprint);
}

/// <param name="BaseUrl">Where the peer's HTTP API answers, e.g. https://api.b.mesa.example.org.</param>
/// <param name="RootFingerprint">The peer's root fingerprint (64 lowercase hex); its statuses must chain to it.</param>
public sealed record SeedPeer(string BaseUrl, string RootFingerprint, string Label);
