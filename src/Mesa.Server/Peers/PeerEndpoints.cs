using Mesa.Identity;
using Mesa.Server.Admin.Security;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Mesa.Server.Security;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Peers;

/// <summary>
/// <c>POST /peers/status</c>: a peer's signed status in, this server's signed status back (the signature is the
/// authentication). <c>/admin/peers</c> (guarded by <see cref="AdminKeyGuard"/>): the cluster view, importing a seed,
/// rolling back to an earlier one, disabling and enabling a peer.
/// </summary>
public static partial class PeerEndpoints
{
    public const string StatusPath = "/peers/status";

    // A status with its profile and certificates is a few kilobytes; a seed of a hundred peers some tens.
    private const int MaxBodyChars = 256 * 1024;

    public static void MapPeers(this IEndpointRouteBuilder app)
    {
        app.MapPost(StatusPath, ReceiveAsync).WithTags("peers").WithSummary("Exchange signed statuses with a peer of the cluster seed")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        var admin = app.MapGroup("/admin/peers").AddEndpointFilter<AdminKeyGuard>().WithTags("admin");
        admin.MapGet("", View).WithSummary("The cluster view: the seed in force, each peer's last status, its age, health and version");
        admin.MapPost("/seed", ImportAsync).WithSummary("Import a signed cluster seed (the file 'mesa-cloud peers seed create' writes) as the body")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/seed/{version:long}/activate", ActivateAsync).WithSummary("Roll back (or forward) to an imported seed").ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{root}/disable", (HttpContext http, string root, PeerStore store, AuditLog audit, AdminSessions sessions) => SetDisabled(http, root, true, store, audit, sessions))
            .WithSummary("Stop exchanging statuses with a peer and refuse its statuses");
        admin.MapPost("/{root}/enable", (HttpContext http, string root, PeerStore store, AuditLog audit, AdminSessions sessions) => SetDisabled(http, root, false, store, audit, sessions))
            .WithSummary("Exchange statuses with a disabled peer again");
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, PeerStatusCheck check, IGrainFactory grains, LocalStatus local, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(PeerEndpoints));
        var (json, tooLong) = await ReadBodyAsync(http.Request);
        if (tooLong is not null) return tooLong;
        var (status, refusal) = check.Check(json!, expectedSender: null);
        if (refusal is not null)
        {
            LogRefused(logger, refusal.Title, refusal.Detail);
            return Problems.Create(refusal.StatusCode, refusal.Title, refusal.Detail);
        }
        var sender = status!.Status.SenderRootFingerprint;
        var receipt = await grains.GetGrain<IServerPeerGrain>(sender).ReceiveAsync(status.Status.Nonce, status.Status.SentAt, json!);
        if (receipt == PeerReceipt.Replayed)
        {
            LogRefused(logger, "Replay refused", $"nonce {status.Status.Nonce} of root {sender}");
            return Problems.Create(StatusCodes.Status409Conflict, "Replay refused", $"the status's nonce {status.Status.Nonce} was seen before: a replayed status is refused.");
        }
        if (receipt == PeerReceipt.Disabled)
            return Problems.Create(StatusCodes.Status403Forbidden, "Peer disabled", $"an admin of this server disabled peer {sender}; its statuses are refused.");
        var reply = await local.ForAsync(sender, status.Seed, http.RequestAborted);
        return Results.Content(reply.ToJson(), "application/json");
    }

    private static object View(PeerStore store, PeerViews views, LocalStatus local, TimeProvider clock, IOptions<MesaOptions> options)
    {
        var current = store.CurrentSeed();
        var seed = current?.Seed();
        var settings = options.Value.Peers;
        return new
        {
            root_fingerprint = local.RootFingerprint,
            now = clock.GetUtcNow(),
            settings = new
            {
                interval_seconds = settings.IntervalSeconds, timeout_seconds = settings.TimeoutSeconds, stale_seconds = settings.StaleSeconds,
                replay_window_seconds = settings.ReplayWindowSeconds, routing_enabled = settings.Routing.Enabled, routing_queue_threshold = settings.Routing.QueueThreshold,
            },
            seed = current is null ? null : new
            {
                seed_id = current.SeedId, version = current.Version, created = DateTimeOffset.FromUnixTimeMilliseconds(current.CreatedMs),
                signer_key_id = current.SignerKeyId, imported_at = DateTimeOffset.FromUnixTimeMilliseconds(current.ImportedMs),
                activated_at = DateTimeOffset.FromUnixTimeMilliseconds(current.ActivatedMs), peer_count = seed!.Peers.Count,
            },
            seeds = store.Seeds().Select(s => new
            {
                seed_id = s.SeedId, version = s.Version, created = DateTimeOffset.FromUnixTimeMilliseconds(s.CreatedMs),
                imported_at = DateTimeOffset.FromUnixTimeMilliseconds(s.ImportedMs), current = s.Version == current?.Version,
            }),
            peers = (seed is null ? [] : views.Of(seed)).Select(p => new
            {
                label = p.Peer.Label,
                base_url = p.Peer.BaseUrl,
                root_fingerprint = p.Peer.RootFingerprint,
                state = p.State,
                disabled = p.Row?.Disabled ?? false,
                age_seconds = p.Age is { } age ? Math.Round(age.TotalSeconds, 1) : (double?)null,
                received_at = p.Row?.ReceivedMs is { } received ? DateTimeOffset.FromUnixTimeMilliseconds(received) : (DateTimeOffset?)null,
                sent_at = p.Status?.SentAt,
                health = p.Status?.Health,
                version = p.Status?.Version,
                queue_length = p.Status?.QueueLength,
                running_jobs = p.Status?.RunningJobs,
                capacity = p.Status?.Capacity is { } c ? new { cores = c.Cores, memory_bytes = c.MemoryBytes, gpu_count = c.GpuCount, gpu_type = c.GpuType } : null,
                attempted_at = p.Row?.AttemptedMs is { } attempted ? DateTimeOffset.FromUnixTimeMilliseconds(attempted) : (DateTimeOffset?)null,
                last_error = p.Row?.Error,
            }),
        };
    }

    private static async Task<IResult> ImportAsync(HttpContext http, PeerStore store, LocalStatus local, PeerGossip gossip, AuditLog audit, AdminSessions sessions)
    {
        var (json, tooLong) = await ReadBodyAsync(http.Request);
        if (tooLong is not null) return tooLong;
        SignedClusterSeed seed;
        try
        {
            seed = SignedClusterSeed.Verify(json!, local.RootFingerprint);
        }
        catch (IdentityException e)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Seed refused", e.Message);
        }
        if (store.Import(seed) is { } older) return Problems.Create(StatusCodes.Status409Conflict, "Seed refused", older);
        audit.Record(AuditLog.Admin, Actor(http, sessions), "peers.seed_import", seed.Seed.SeedId, $"version {seed.Seed.Version}, {seed.Seed.Peers.Count} peers");
        await gossip.EnsureRunningAsync();
        return Results.Created("/admin/peers", new { seed_id = seed.Seed.SeedId, version = seed.Seed.Version, peers = seed.Seed.Peers.Count, signer_key_id = seed.Signature!.KeyId });
    }

    private static async Task<IResult> ActivateAsync(HttpContext http, long version, PeerStore store, PeerGossip gossip, AuditLog audit, AdminSessions sessions)
    {
        if (!store.Activate(version)) return Problems.NotFound($"Seed version {version}");
        audit.Record(AuditLog.Admin, Actor(http, sessions), "peers.seed_activate", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await gossip.EnsureRunningAsync();
        return Results.Ok(new { version });
    }

    private static IResult SetDisabled(HttpContext http, string root, bool disabled, PeerStore store, AuditLog audit, AdminSessions sessions)
    {
        if (store.CurrentSeed()?.Seed().PeerWithRoot(root) is null) return Problems.NotFound($"Peer with root '{root}' in the seed in force");
        store.SetDisabled(root, disabled);
        audit.Record(AuditLog.Admin, Actor(http, sessions), disabled ? "peers.disable" : "peers.enable", root);
        return Results.Ok(new { root_fingerprint = root, disabled });
    }

    /// <summary>The signed-in admin, or the admin key a script used (<see cref="AdminKeyGuard"/> let one of them in).</summary>
    private static string Actor(HttpContext http, AdminSessions sessions) =>
        AdminCookie.From(http.Request) is { } cookie && sessions.Find(cookie) is { } session ? session.Email : "admin api key";

    private static async Task<(string? Text, IResult? Problem)> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxBodyChars + 1];
        var length = 0;
        for (int read; length < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0;) length += read;
        return length > MaxBodyChars
            ? (null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body is longer than {MaxBodyChars} characters."))
            : (new string(buffer, 0, length), null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Peer status refused ({Reason}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string reason, string detail);
}
