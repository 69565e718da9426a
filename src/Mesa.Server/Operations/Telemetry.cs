using Mesa.Server.Configuration;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mesa.Server.Operations;

/// <summary>
/// OpenTelemetry for the server: our meter, ASP.NET Core, HttpClient, the .NET runtime, Npgsql and Orleans, scraped by
/// Prometheus at <c>/metrics</c> (<see cref="MetricsAccess"/>) and, when <see cref="MetricsOptions.OtlpEndpoint"/> is
/// set, pushed with traces to an OTLP collector.
/// </summary>
public static class Telemetry
{
    public const string ScrapePath = "/metrics";

    // Orleans publishes its silo, grain and messaging meters under this name.
    private const string OrleansMeter = "Microsoft.Orleans";

    public static void AddMesaTelemetry(this IServiceCollection services, MetricsOptions options)
    {
        services.AddSingleton<GpuLoad>();
        services.AddSingleton<MesaMetrics>();
        services.AddSingleton(new ScrapeNetworks(options.ScrapeNetworks));
        services.AddExceptionHandler<CountedExceptions>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("mesa-server", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MesaMetrics.MeterName, OrleansMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (Otlp(options) is { } endpoint) metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            });
        if (Otlp(options) is { } collector)
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql()
                .AddOtlpExporter(otlp => otlp.Endpoint = collector));
    }

    public static void MapMesaMetrics(this WebApplication app)
    {
        app.UseMetricsAccess(ScrapePath);
        app.MapPrometheusScrapingEndpoint(ScrapePath);
    }

    private static Uri? Otlp(MetricsOptions options) =>
        string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null
        : Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) ? uri
        : throw new InvalidOperationException($"Mesa:Metrics:OtlpEndpoint: '{options.OtlpEndpoint}' is not an absolute URL such as http://collector:4317.");
}
