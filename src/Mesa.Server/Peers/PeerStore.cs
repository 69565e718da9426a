using Dapper;
using Mesa.Identity;
using Mesa.Server.Storage;

namespace Mesa.Server.Peers;

/// <summary>
/// The cluster seeds this server imported (tables <c>peer_seeds</c> and <c>peers</c>, migration 010): every seed is
/// kept, the one activated last is current, so an admin can roll back; and each peer's last status and exchange.
/// </summary>
public sealed class PeerStore(StateDatabase database)
{
    private const string SeedColumns = "version AS Version, seed_id AS SeedId, created_ms AS CreatedMs, signer_key_id AS SignerKeyId, " +
        "imported_ms AS ImportedMs, activated_ms AS ActivatedMs, document AS Document";

    private const string PeerColumns = "root_fingerprint AS RootFingerprint, disabled AS Disabled, status AS Status, sent_ms AS SentMs, " +
        "received_ms AS ReceivedMs, attempted_ms AS AttemptedMs, error AS Error";

    /// <summary>The seed in force; null before the first import.</summary>
    public PeerSeedRow? CurrentSeed()
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<PeerSeedRow>($"SELECT {SeedColumns} FROM peer_seeds ORDER BY activated_ms DESC, version DESC LIMIT 1");
    }

    /// <summary>Every imported seed, newest version first.</summary>
    public IReadOnlyList<PeerSeedRow> Seeds()
    {
        using var connection = database.Open();
        return connection.Query<PeerSeedRow>($"SELECT {SeedColumns} FROM peer_seeds ORDER BY version DESC").ToList();
    }

    /// <summary>Stores a verified seed and makes it current.</summary>
    /// <returns>Null, or why it was refused: a seed of the same or a higher version was imported before.</returns>
    public string? Import(SignedClusterSeed seed)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var newest = connection.ExecuteScalar<long?>("SELECT MAX(version) FROM peer_seeds", transaction: transaction);
        if (newest >= seed.Seed.Version)
            return $"the seed has version {seed.Seed.Version}, older than or equal to version {newest} imported before; a new seed needs a higher version (roll back to an earlier one instead).";
        var now = database.NowMs();
        connection.Execute("INSERT INTO peer_seeds (version, seed_id, created_ms, signer_key_id, imported_ms, activated_ms, document) " +
            "VALUES (@version, @seedId, @createdMs, @signer, @now, @now, @document)",
            new { version = seed.Seed.Version, seedId = seed.Seed.SeedId, createdMs = seed.Seed.Created.ToUnixTimeMilliseconds(), signer = seed.Signature!.KeyId, now, document = seed.ToJson() },
            transaction);
        transaction.Commit();
        return null;
    }

    /// <summary>Makes an earlier seed current again.</summary>
    /// <returns>Whether a seed of that version exists.</returns>
    public bool Activate(long version)
    {
        using var connection = database.Open();
        return connection.Execute("UPDATE peer_seeds SET activated_ms = @now WHERE version = @version", new { version, now = database.NowMs() }) == 1;
    }

    public PeerRow? Peer(string rootFingerprint)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<PeerRow>($"SELECT {PeerColumns} FROM peers WHERE root_fingerprint = @rootFingerprint", new { rootFingerprint });
    }

    public IReadOnlyDictionary<string, PeerRow> Peers()
    {
        using var connection = database.Open();
        return connection.Query<PeerRow>($"SELECT {PeerColumns} FROM peers").ToDictionary(p => p.RootFingerprint);
    }

    /// <summary>Keeps a peer's status unless one sent later is stored already (last writer wins by the sender's clock).</summary>
    /// <returns>Whether it was kept.</returns>
    public bool RecordStatus(string rootFingerprint, string message, DateTimeOffset sentAt)
    {
        using var connection = database.Open();
        return connection.Execute(
            "INSERT INTO peers (root_fingerprint, status, sent_ms, received_ms) VALUES (@rootFingerprint, @message, @sentMs, @now) " +
            "ON CONFLICT (root_fingerprint) DO UPDATE SET status = excluded.status, sent_ms = excluded.sent_ms, received_ms = excluded.received_ms " +
            "WHERE peers.sent_ms IS NULL OR peers.sent_ms < excluded.sent_ms",
            new { rootFingerprint, message, sentMs = sentAt.ToUnixTimeMilliseconds(), now = database.NowMs() }) == 1;
    }

    /// <param name="error">Why the exchange failed; null when it succeeded.</param>
    public void RecordAttempt(string rootFingerprint, string? error) => Upsert(rootFingerprint, "attempted_ms = excluded.attempted_ms, error = excluded.error",
        "INSERT INTO peers (root_fingerprint, attempted_ms, error) VALUES (@rootFingerprint, @now, @error)", new { rootFingerprint, error, now = database.NowMs() });

    public void SetDisabled(string rootFingerprint, bool disabled) => Upsert(rootFingerprint, "disabled = excluded.disabled",
        "INSERT INTO peers (root_fingerprint, disabled) VALUES (@rootFingerprint, @disabled)", new { rootFingerprint, disabled });

    private void Upsert(string rootFingerprint, string assignments, string insert, object parameters)
    {
        using var connection = database.Open();
        connection.Execute($"{insert} ON CONFLICT (root_fingerprint) DO UPDATE SET {assignments}", parameters);
    }
}
