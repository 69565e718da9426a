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
    public StateDatabase(DataFolder folder, IOptions<MesaOptions> options, ILogger<StateDatabase> logger)
    {
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

    public static long NowMs() => StateStore.NowMs();

    public void Dispose() => Store.Dispose();
}
