using System.Text.Json;
using Mesa.Cluster.State;
using Mesa.Server.Cluster;
using Mesa.Server.Configuration;
using Mesa.Server.Endpoints;
using Mesa.Server.Mail;
using Mesa.Server.Processing;
using Mesa.Server.Quotas;
using Mesa.Server.Security;
using Mesa.Server.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Mesa.Server;

/// <summary>
/// Builds the server: embedded state (SQLite) in the data folder and one node, or PostgreSQL state shared by any
/// number of nodes (one dispatcher among them); job files on the data folder, which nodes of a cluster share.
/// </summary>
public static class MesaServerApp
{
    /// <param name="configure">Lets tests (and embedders) add configuration before services are built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(MesaOptions.Section).Get<MesaOptions>() ?? new MesaOptions();

        builder.Logging.ClearProviders();
        // Hosting's request lines carry full URLs, signatures included, so ASP.NET logs only warnings and up.
        var serilog = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
        if (!string.IsNullOrWhiteSpace(options.LogFile)) serilog.WriteTo.File(new JsonFormatter(renderMessage: true), options.LogFile);
        builder.Logging.AddSerilog(serilog.CreateLogger(), dispose: true);

        var services = builder.Services;
        services.Configure<MesaOptions>(builder.Configuration.GetSection(MesaOptions.Section));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddMesaRateLimits(options.Auth);
        services.AddMesaForwardedHeaders(options.Network);
        // Tests and embedders may register their own clock first.
        services.TryAddSingleton(TimeProvider.System);
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
        services.AddSingleton<JobSignals>();
        services.AddSingleton<LocalNode>();
        services.AddSingleton<NodeRepository>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<JobMails>();
        services.AddSingleton<EtaEstimator>();
        services.AddSingleton<CheckpointedPipeline>();
        services.AddSingleton<UserQuotas>();
        services.AddSingleton<Uploads.CompletionGuard>();
        services.AddScoped<BearerAuthentication>();
        services.AddHostedService<RetentionSweeper>();
        services.AddHostedService<NodeHeartbeat>();
        if (StateProviders.Parse(options.State.Provider) == StateProvider.Postgres)
        {
            services.AddHostedService<ClusterNotifications>();
            if (options.Processing.DispatcherEnabled)
            {
                services.AddHostedService<ClusterDispatcher>();
                services.AddHostedService<NodeWorker>();
            }
        }
        else if (options.Processing.DispatcherEnabled)
        {
            services.AddHostedService<JobDispatcher>();
        }

        var app = builder.Build();
        app.UseMesaForwardedHeaders(options.Network);
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
        app.MapCluster();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Mesa server listening on {Urls}; data folder {DataFolder}",
            string.Join(", ", app.Urls), app.Services.GetRequiredService<DataFolder>().Root));
        return app;
    }
}
