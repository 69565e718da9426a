using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// The real server (Kestrel, not TestServer) on a free loopback port, with its data folder in a temp
/// directory and mail going to <see cref="SmtpCapture"/>. Restartable on the same data folder.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;
    private bool _disposed;

    private ServerHost(string dataFolder, SmtpCapture smtp, IDictionary<string, string?> overrides, ManualClock clock)
    {
        Clock = clock;
        DataFolder = dataFolder;
        Smtp = smtp;
        _settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Mesa:DataFolder"] = dataFolder,
            ["Mesa:Smtp:Host"] = "127.0.0.1",
            ["Mesa:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mesa:Auth:RequestsPerIpPerWindow"] = "1000",
            ["Mesa:Auth:MailsPerEmailPerHour"] = "1000",
            ["Mesa:Processing:Threads"] = "2",
            ["Mesa:Cluster:QueueTickSeconds"] = "0.2",
        };
        foreach (var (key, value) in overrides) _settings[key] = value;
    }

    public string DataFolder { get; }
    public SmtpCapture Smtp { get; }

    /// <summary>The server's clock: move it forward to reach retention windows and quota periods.</summary>
    public ManualClock Clock { get; }
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Settings that turn the job dispatcher on or off (off: jobs stay queued).</summary>
    public static Dictionary<string, string?> Dispatcher(bool enabled) => new() { ["Mesa:Processing:DispatcherEnabled"] = enabled ? "true" : "false" };

    /// <summary>The running app's services (the admin tests create admins through them).</summary>
    public IServiceProvider Services => _app!.Services;

    /// <param name="smtp">A mail listener with its own behaviour; a plain one when null.</param>
    public static async Task<ServerHost> StartAsync(IDictionary<string, string?>? overrides = null, SmtpCapture? smtp = null)
    {
        var host = new ServerHost(Directory.CreateTempSubdirectory("mesa-server-test-").FullName, smtp ?? new SmtpCapture(), overrides ?? new Dictionary<string, string?>(), new ManualClock());
        await host.StartAppAsync();
        return host;
    }

    /// <summary>Stops the app and starts a new one on the same data folder, with extra settings.</summary>
    public async Task RestartAsync(IDictionary<string, string?>? overrides = null)
    {
        await StopAppAsync();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) _settings[key] = value;
        await StartAppAsync();
    }

    private async Task StartAppAsync()
    {
        _app = MesaServerApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(_settings);
            builder.Services.AddSingleton<TimeProvider>(Clock);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    private async Task StopAppAsync()
    {
        Http.Dispose();
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Runs SQL on the state database (what an admin or a crash would change); returns the rows changed.</summary>
    public int ExecuteSql(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataFolder, "state.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Stops everything and deletes the data folder; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await StopAppAsync();
        await Smtp.DisposeAsync();
        Directory.Delete(DataFolder, recursive: true);
    }
}
