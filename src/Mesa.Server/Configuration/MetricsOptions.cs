namespace Mesa.Server.Configuration;

/// <summary>Metrics: the Prometheus scrape endpoint and an optional OTLP export (section <c>Mesa:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>) whose requests may read <c>/metrics</c> without
    /// signing in (a Prometheus server). Everyone else needs a console session or the admin key.
    /// </summary>
    public List<string> ScrapeNetworks { get; set; } = [];

    /// <summary>An OTLP collector (<c>http://collector:4317</c>) to push metrics and traces to; none when empty.</summary>
    public string? OtlpEndpoint { get; set; }
}
