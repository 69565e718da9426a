namespace Mesa.Server.Peers;

/// <summary>Why a peer status was refused, as the problem details the sender gets back.</summary>
public sealed record PeerRefusal(int StatusCode, string Title, string Detail)
{
    public override string ToString() => $"{StatusCode} {Title}: {Detail}";
}
