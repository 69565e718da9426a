using System.Data.Common;
using Mesa.Cluster.State;
using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Storage;

/// <summary>
/// The configured state store (embedded SQLite in the data folder unless <c>Mesa:State</c> names PostgreSQL),
/// brought up to the newest migration when the server starts.
/// </summary>
public sealed class StateDatabase : IDisposable
{
    private readonly TimeProvider _clock;

    public StateDatabase(DataFolder folder, IOptions<MesaOptions> options, TimeProvider clock, ILogger<StateDatabase> logger)
    {
        _clock = clock;
        var settings = options.Value.State;
        var provider = StateProviders.Parse(settings.Provider);
        var connectionString = provider == StateProvider.Sqlite && string.IsNullOrWhiteSpace(settings.ConnectionString)
            ? folder.StateDatabase
            : settings.ConnectionString ?? "";
        Store = StateStore.Connect(provider, connectionString);
        foreach (var migration in StateMigrations.Apply(Store))
            logger.LogInformation("Applied state migration {Version:D3}_{Name} ({Provider})", migration.Version, migration.Name, provider);
    }

    public StateStore Store { get; }

    public DbConnection Open() => Store.Open();

    /// <summary>For the hottest requests: no thread waits on the database, and multi-statement reads cannot starve the pool.</summary>
    public Task<DbConnection> OpenAsync() => Store.OpenAsync();

    /// <summary>The clock every stored timestamp comes from (injected, so tests can move it).</summary>
    public long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    public void Dispose() => Store.Dispose();
}
