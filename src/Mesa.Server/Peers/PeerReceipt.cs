namespace Mesa.Server.Peers;

/// <summary>What a peer's grain made of a checked status.</summary>
public enum PeerReceipt
{
    /// <summary>Kept as the peer's latest status.</summary>
    Accepted,

    /// <summary>Genuine and new, but a status the peer sent later is kept already (last writer wins).</summary>
    Superseded,

    /// <summary>Its nonce was seen before: refused.</summary>
    Replayed,

    /// <summary>An admin disabled the peer: refused.</summary>
    Disabled,
}
