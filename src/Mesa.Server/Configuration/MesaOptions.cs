namespace Mesa.Server.Configuration;

/// <summary>The server's settings, section <c>Mesa</c> of appsettings.json (env: <c>Mesa__DataFolder</c> and so on).</summary>
public sealed class MesaOptions
{
    public const string Section = "Mesa";

    /// <summary>Holds state.db (embedded mode), the signing keys, mail pickup files and one folder per job.</summary>
    public string DataFolder { get; set; } = "./mesa-data";

    /// <summary>Base of the signed upload/download URLs handed out; the request's own scheme and host when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    public StateOptions State { get; set; } = new();

    public ClusterOptions Cluster { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();

    public LimitOptions Limits { get; set; } = new();

    public ProcessingSettings Processing { get; set; } = new();

    public RetentionOptions Retention { get; set; } = new();

    public QuotaOptions Quotas { get; set; } = new();

    public NetworkOptions Network { get; set; } = new();

    public ProfileOptions Profile { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    public OperationsOptions Operations { get; set; } = new();

    public PeerOptions Peers { get; set; } = new();

    /// <summary>Also write the log to this file as JSON lines (one Serilog event per line); console only when empty.</summary>
    public string? LogFile { get; set; }
}
