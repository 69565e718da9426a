using Dapper;
using Microsoft.Data.Sqlite;

namespace Mesa.Server.Storage;

/// <summary>
/// Schema changes made after the base schema, each applied once and recorded in <c>schema_additions</c>.
/// Every statement is portable (valid in SQLite and PostgreSQL: BIGINT millisecond timestamps, TEXT, no
/// AUTOINCREMENT), so each entry can become a migration of either dialect as it stands.
/// </summary>
public static class SchemaAdditions
{
    /// <summary>In order; never edit or reorder an applied entry, append a new one.</summary>
    public static IReadOnlyList<(string Id, string[] Statements)> All { get; } =
    [
        ("0001-job-download-and-retention",
        [
            // When the owner last fetched the whole results zip; the sweeper purges soon after.
            "ALTER TABLE jobs ADD COLUMN downloaded_ms BIGINT",
            // Bytes held by the job's outputs (results zip and output folder) while they exist; counts against the storage quota.
            "ALTER TABLE jobs ADD COLUMN output_bytes BIGINT",
            // When the current run started; the maximum job duration is measured from it.
            "ALTER TABLE jobs ADD COLUMN started_ms BIGINT",
        ]),
        ("0002-user-quotas-and-retention",
        [
            // Per-user overrides; NULL takes the configured default.
            "ALTER TABLE users ADD COLUMN retention_minutes BIGINT",
            "ALTER TABLE users ADD COLUMN quota_jobs_per_day BIGINT",
            "ALTER TABLE users ADD COLUMN quota_upload_bytes BIGINT",
            "ALTER TABLE users ADD COLUMN quota_storage_bytes BIGINT",
        ]),
        ("0003-job-stages",
        [
            """
            CREATE TABLE job_stages (
                job_id TEXT NOT NULL REFERENCES jobs(id),
                run BIGINT NOT NULL,
                stage TEXT NOT NULL,
                started_ms BIGINT NOT NULL,
                finished_ms BIGINT,
                seconds DOUBLE PRECISION,
                PRIMARY KEY (job_id, run, stage))
            """,
            "CREATE INDEX job_stages_finished ON job_stages(stage, finished_ms)",
        ]),
    ];

    public static void Apply(SqliteConnection connection, long nowMs)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_additions (id TEXT PRIMARY KEY, applied_ms BIGINT NOT NULL)");
        var applied = connection.Query<string>("SELECT id FROM schema_additions").ToHashSet(StringComparer.Ordinal);
        foreach (var (id, statements) in All.Where(a => !applied.Contains(a.Id)))
        {
            using var transaction = connection.BeginTransaction();
            foreach (var statement in statements) connection.Execute(statement, transaction: transaction);
            connection.Execute("INSERT INTO schema_additions (id, applied_ms) VALUES (@id, @nowMs)", new { id, nowMs }, transaction);
            transaction.Commit();
        }
    }
}
