using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Mesa.Cluster.State;

/// <summary>
/// Applies the embedded <c>sql/sqlite</c> or <c>sql/postgres</c> migrations in version order, each in its own
/// transaction together with its <c>schema_migrations</c> row, so a step is recorded exactly when it took effect.
/// </summary>
public static partial class StateMigrations
{
    // Any fixed number: it only has to differ from the other advisory locks the cluster takes.
    private const long PostgresMigrationLock = 0x4d455341_0001;

    /// <summary>The migrations shipped for <paramref name="provider"/>, in version order.</summary>
    public static IReadOnlyList<Migration> For(StateProvider provider)
    {
        var assembly = typeof(StateMigrations).Assembly;
        var prefix = $"sql.{provider.ToString().ToLowerInvariant()}.";
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => Load(assembly, name, name[prefix.Length..]))
            .OrderBy(migration => migration.Version)
            .ToList();
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two {provider} migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        return migrations;
    }

    /// <summary>Brings the store up to the newest migration; returns the ones applied now (none when already current).</summary>
    /// <remarks>
    /// On PostgreSQL several nodes may start together: a session advisory lock makes them take turns, and the
    /// later ones find nothing left to do. Versions newer than this build knows (a newer node migrated first) are left alone.
    /// </remarks>
    public static IReadOnlyList<Migration> Apply(StateStore store)
    {
        using var connection = store.Open();
        if (store.Provider == StateProvider.Postgres) connection.Execute("SELECT pg_advisory_lock(@key)", new { key = PostgresMigrationLock });
        try
        {
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            var applied = connection.Query<int>("SELECT version FROM schema_migrations").ToHashSet();
            var pending = For(store.Provider).Where(m => !applied.Contains(m.Version)).ToList();
            foreach (var migration in pending) ApplyOne(connection, migration);
            return pending;
        }
        finally
        {
            if (store.Provider == StateProvider.Postgres) connection.Execute("SELECT pg_advisory_unlock(@key)", new { key = PostgresMigrationLock });
        }
    }

    /// <summary>The versions recorded in the store, oldest first.</summary>
    public static IReadOnlyList<int> Applied(StateStore store)
    {
        using var connection = store.Open();
        return connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version").ToList();
    }

    private static void ApplyOne(DbConnection connection, Migration migration)
    {
        using var transaction = connection.BeginTransaction();
        try
        {
            connection.Execute(migration.Sql, transaction: transaction);
        }
        catch (DbException e)
        {
            throw new InvalidOperationException($"Migration {migration.Version:D3}_{migration.Name} failed: {e.Message}", e);
        }
        connection.Execute("INSERT INTO schema_migrations (version, name, applied_ms) VALUES (@version, @name, @now)",
            new { version = migration.Version, name = migration.Name, now = StateStore.NowMs() }, transaction);
        transaction.Commit();
    }

    private static Migration Load(Assembly assembly, string resource, string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success) throw new InvalidOperationException($"Migration file '{fileName}' is not named NNN_name.sql.");
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return new Migration(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd());
    }

    [GeneratedRegex(@"^(?<version>\d{3,})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
