using System.Text.Json;
using Mesa.Server.Admin;
using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Mesa.Server.Grains;
using Mesa.Server.Logging;
using Mesa.Server.Mail;
using Mesa.Server.Operations;
using Mesa.Server.Peers;
using Mesa.Server.Processing;
using Mesa.Server.Quotas;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mesa.Server;

/// <summary>
/// Builds the server: a Kestrel REST gateway co-hosted with an Orleans silo. Embedded state (SQLite) in the data folder
/// and one silo, or PostgreSQL state and Orleans membership shared by any number of silos; job files on the data
/// folder, which the silos of a cluster share.
/// </summary>
public static class MesaServerApp
{
    /// <param name="configure">Lets tests (and embedders) add configuration before services are built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(MesaOptions.Section).Get<MesaOptions>() ?? new MesaOptions();

        var logger = builder.AddMesaLogging(options);

        var services = builder.Services;
        services.Configure<MesaOptions>(builder.Configuration.GetSection(MesaOptions.Section));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddMesaRateLimits(options.Auth);
        services.AddMesaForwardedHeaders(options.Network);
        // Tests and embedders may register their own clock first.
        services.TryAddSingleton(TimeProvider.System);
        services.AddAdminConsole(options.Admin);
        services.AddMesaTelemetry(options.Metrics);
        services.AddSingleton<DataFolder>();
        services.AddSingleton<StateDatabase>();
        services.AddSingleton<UserRepository>();
        services.AddSingleton<JobRepository>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<RefreshTokenRepository>();
        services.AddSingleton<ServerProfileExport>();
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<SignedUrls>();
        services.AddSingleton<LocalNode>();
        services.AddSingleton<LocalRuns>();
        services.AddSingleton<JobRunner>();
        services.AddMesaMail(options.Smtp);
        services.AddSingleton<JobMails>();
        services.AddSingleton<EtaEstimator>();
        services.AddSingleton<CheckpointedPipeline>();
        services.AddSingleton<UserQuotas>();
        services.AddSingleton<TokenMailer>();
        services.AddSingleton<Uploads.CompletionGuard>();
        services.AddSingleton<ServerInfoLog>();
        services.AddSingleton<EnvironmentProbe>();
        services.AddSingleton<FreeDisk>();
        services.AddSingleton<AdminAlerts>();
        services.AddSingleton<FailedJobAlarm>();
        services.AddSingleton<JobDiskGate>();
        services.AddSingleton<DiskPressure>();
        services.AddSingleton<GpuReadiness>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<PeerStore>();
        services.AddSingleton<LocalStatus>();
        services.AddSingleton<PeerStatusCheck>();
        services.AddSingleton<PeerViews>();
        services.AddSingleton<PeerSuggestion>();
        services.AddSingleton<PeerGossip>();
        services.AddSingleton(options.Peers.CertificateTrust());
        services.AddHttpClient(ServerPeerGrain.HttpClientName).ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<CertificateTrust>().Handler());
        services.AddScoped<BearerAuthentication>();
        builder.AddMesaSilo(options);
        // After the silo: hosted services start in this order and stop in reverse, so these talk to a running silo.
        services.AddHostedService<ProcessingSlotHost>();
        services.AddHostedService<RetentionSweeper>();
        services.AddHostedService<ProbeAtStart>();
        services.AddHostedService<DiskWatch>();
        services.AddHostedService(provider => provider.GetRequiredService<PeerGossip>());

        var app = builder.Build();
        app.UseMesaForwardedHeaders(options.Network);
        app.UseMesaRequestLogging(logger);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<NoSecretsInUrls>();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi.json");
        app.MapHealth();
        app.MapRegister();
        app.MapVerify();
        app.MapRefresh();
        app.MapWellKnownKeys();
        app.MapAdminProfile();
        app.MapJobs();
        app.MapTransfers();
        app.MapChunkedUploads();
        app.MapCluster();
        app.MapAdminConsole();
        app.MapUserPage();
        app.MapOrleansConsole();
        app.MapMesaMetrics();
        app.MapServerInfo();
        app.MapPeers();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Mesa server listening on {Urls}; data folder {DataFolder}",
            string.Join(", ", app.Urls), app.Services.GetRequiredService<DataFolder>().Root));
        return app;
    }
}
