using Mesa.Server.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Mesa.Server.Logging;

/// <summary>
/// Serilog for the whole server: readable lines on stdout, and JSON lines (with trace and span ids) in
/// <c>Mesa:LogFile</c> when set. The per-job log is separate (see <c>JobLogger</c>).
/// </summary>
public static class ServerLogging
{
    public static Serilog.ILogger AddMesaLogging(this WebApplicationBuilder builder, MesaOptions options)
    {
        var serilog = new LoggerConfiguration()
            .MinimumLevel.Information()
            // ASP.NET's own request lines carry full URLs, signatures included: its categories log only warnings and
            // up, and the request line comes from UseMesaRequestLogging, which leaves the query string out.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            // Orleans' placement retries log every attempt through Polly; the mail sender's retries are its own lines.
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            // The peer exchanges go through IHttpClientFactory, which logs four lines per request; failures are logged as ours.
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<SecretRedaction>()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
        if (!string.IsNullOrWhiteSpace(options.LogFile)) serilog.WriteTo.File(new RenderedCompactJsonFormatter(), options.LogFile);
        var logger = serilog.CreateLogger();
        builder.Logging.ClearProviders();
        // Not the static Log.Logger: tests run several servers in one process.
        builder.Services.AddSerilog(logger, dispose: true);
        return logger;
    }

    /// <summary>One line per request: method, path without its query string (signatures live there), status and time.</summary>
    public static void UseMesaRequestLogging(this WebApplication app, Serilog.ILogger logger) => app.UseSerilogRequestLogging(request =>
    {
        request.Logger = logger;
        request.IncludeQueryInRequestPath = false;
        request.MessageTemplate = "HTTP {RequestMethod:l} {RequestPath:l} responded {StatusCode} in {Elapsed:0.0} ms";
        // Load balancers probe health all day long.
        request.GetLevel = (http, _, error) => error is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
            : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
            : LogEventLevel.Information;
    });
}
