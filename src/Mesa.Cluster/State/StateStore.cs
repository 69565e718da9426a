using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Mesa.Cluster.State;

/// <summary>
/// Opens connections to the state database and holds the few places where SQLite and PostgreSQL
/// SQL differ, so the repositories keep one portable statement per operation.
/// </summary>
public sealed class StateStore : IDisposable
{
    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _postgres;

    private StateStore(StateProvider provider, string? sqliteConnectionString, NpgsqlDataSource? postgres)
    {
        Provider = provider;
        _sqliteConnectionString = sqliteConnectionString;
        _postgres = postgres;
    }

    public StateProvider Provider { get; }

    /// <summary>Connects to the store; for SQLite <paramref name="connectionString"/> may be a plain file path.</summary>
    public static StateStore Connect(StateProvider provider, string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) throw new ArgumentException($"The {provider} state store needs a connection string.");
        if (provider == StateProvider.Postgres) return new StateStore(provider, null, NpgsqlDataSource.Create(PooledPostgres(connectionString)));

        var builder = connectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionString)
            : new SqliteConnectionStringBuilder { DataSource = connectionString };
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        var store = new StateStore(provider, builder.ToString(), null);
        // WAL, so status reads do not wait for the dispatcher's writes; persistent in the file, and not allowed inside a transaction.
        using var connection = store.Open();
        connection.Execute("PRAGMA journal_mode = WAL");
        return store;
    }

    /// <summary>
    /// Pooled sessions never carry state here (held locks and LISTEN use dedicated sessions; the migration lock is
    /// released before its connection goes back), so a returned connection needs no reset, and the statements every
    /// request repeats are prepared once per connection (together: twice the status requests/s of bench/cluster.sh).
    /// </summary>
    private static string PooledPostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    public DbConnection Open()
    {
        if (_postgres is not null) return _postgres.OpenConnection();
        var connection = new SqliteConnection(_sqliteConnectionString);
        connection.Open();
        return connection;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null) return await _postgres.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// A PostgreSQL connection outside the pool, for session state that must end with the session: a held advisory
    /// lock (released by the server the moment this process dies) or a LISTEN.
    /// </summary>
    public async Task<NpgsqlConnection> OpenDedicatedAsync(CancellationToken cancellationToken)
    {
        if (_postgres is null) throw new InvalidOperationException("Dedicated sessions exist only on the postgres state store.");
        var builder = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Pooling = false, KeepAlive = 5 };
        var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Appended to a SELECT that picks a row to claim: PostgreSQL locks it and lets concurrent claimers pass over it;
    /// SQLite serialises writers on the whole file, so it needs nothing.
    /// </summary>
    public string ClaimLock => Provider == StateProvider.Postgres ? " FOR UPDATE SKIP LOCKED" : "";

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public void Dispose() => _postgres?.Dispose();
}
