namespace Mesa.Server.Peers;

/// <summary>
/// One peer server of the cluster seed (key: the peer's root fingerprint): exchanges statuses with it every interval
/// and keeps what it last said; every status from that peer, pushed or replied, passes through it, so its nonces are
/// checked in one place.
/// </summary>
[Alias("Mesa.IServerPeerGrain")]
public interface IServerPeerGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain, whose timer then runs the exchanges; cheap to call again.</summary>
    [Alias("EnsureRunning")]
    Task EnsureRunningAsync();

    /// <summary>A status from this peer that passed <see cref="PeerStatusCheck"/>.</summary>
    [Alias("Receive")]
    Task<PeerReceipt> ReceiveAsync(string nonce, DateTimeOffset sentAt, string message);
}
