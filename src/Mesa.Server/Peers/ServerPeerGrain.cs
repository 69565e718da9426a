using System.Text;
using System.Text.Json;
using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Peers;

/// <summary>
/// Gossip with one peer. A timer (it lives as long as the activation, which it keeps alive) sends this server's signed
/// status to the peer and records the peer's signed status that comes back; the peer does the same the other way, so
/// each side hears the other at least once an interval. Nonces seen within the replay window are remembered here.
/// </summary>
public sealed class ServerPeerGrain(PeerStore store, LocalStatus local, PeerStatusCheck check, IHttpClientFactory http, IOptions<MesaOptions> options,
    TimeProvider clock, ILogger<ServerPeerGrain> logger) : Grain, IServerPeerGrain
{
    public const string HttpClientName = "peers";

    private readonly Dictionary<string, DateTimeOffset> _nonces = [];
    private IGrainTimer? _timer;

    private string Root => this.GetPrimaryKeyString();

    private PeerOptions Settings => options.Value.Peers;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(Settings.IntervalSeconds);
        // Interleaved: a peer pushing its status is not held up by this grain's own exchange waiting on the network.
        _timer = this.RegisterGrainTimer(ExchangeAsync, new GrainTimerCreationOptions(TimeSpan.Zero, interval) { KeepAlive = true, Interleave = true });
        return Task.CompletedTask;
    }

    public Task EnsureRunningAsync() => Task.CompletedTask;

    public Task<PeerReceipt> ReceiveAsync(string nonce, DateTimeOffset sentAt, string message)
    {
        if (store.Peer(Root) is { Disabled: true }) return Task.FromResult(PeerReceipt.Disabled);
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromSeconds(Settings.ReplayWindowSeconds);
        foreach (var (old, seen) in _nonces.Where(n => now - n.Value > window).ToList()) _nonces.Remove(old);
        if (!_nonces.TryAdd(nonce, sentAt)) return Task.FromResult(PeerReceipt.Replayed);
        return Task.FromResult(store.RecordStatus(Root, message, sentAt) ? PeerReceipt.Accepted : PeerReceipt.Superseded);
    }

    private async Task ExchangeAsync(CancellationToken cancellation)
    {
        var seed = store.CurrentSeed()?.Seed();
        if (seed?.PeerWithRoot(Root) is not { } peer || peer.RootFingerprint == local.RootFingerprint)
        {
            // No longer in the seed in force: stop until a seed names it again.
            _timer?.Dispose();
            DeactivateOnIdle();
            return;
        }
        if (store.Peer(Root) is { Disabled: true }) return;
        var error = await ExchangeWithAsync(peer.BaseUrl, peer.Label, seed, cancellation);
        store.RecordAttempt(Root, error);
    }

    /// <returns>Null when the peer answered with a status this server accepted; otherwise what went wrong.</returns>
    private async Task<string?> ExchangeWithAsync(string baseUrl, string label, Identity.ClusterSeed seed, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(Settings.TimeoutSeconds));
        try
        {
            var outgoing = await local.ForAsync(Root, seed, timeout.Token);
            using var content = new StringContent(outgoing.ToJson(), Encoding.UTF8, "application/json");
            using var response = await http.CreateClient(HttpClientName).PostAsync(baseUrl.TrimEnd('/') + PeerEndpoints.StatusPath, content, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode) return Refused(label, $"{(int)response.StatusCode}: {Detail(body) ?? response.ReasonPhrase}");
            var (status, refusal) = check.Check(body, Root);
            if (refusal is not null) return Refused(label, $"its reply was refused: {refusal}");
            return await ReceiveAsync(status!.Status.Nonce, status.Status.SentAt, body) switch
            {
                PeerReceipt.Replayed => Refused(label, "its reply repeats a nonce seen before (a replay)"),
                _ => null,
            };
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            if (cancellation.IsCancellationRequested) throw;
            return Refused(label, e is OperationCanceledException ? $"no answer within {Settings.TimeoutSeconds} s" : e.Message);
        }
    }

    private string Refused(string label, string problem)
    {
        logger.LogWarning("Status exchange with peer {Peer} ({Root}) failed: {Problem}", label, Root, problem);
        return problem;
    }

    private static string? Detail(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(body) is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
