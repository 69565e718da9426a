using System.Diagnostics;
using Mesa.Processing.Workload;
using Npgsql;

namespace Mesa.PostGis;

/// <summary>
/// Runs intersect and flatten (spec sections 4 and 5) for one workload in PostGIS: stages it into a
/// fresh schema, builds tbl_stacked and tbl_flat with the SQL of sql/processing/, reads the
/// results back and drops the schema whether the run succeeds, fails or is cancelled. It is the
/// independent reference the in-process engine is checked and benchmarked against.
/// </summary>
public sealed class PostGisReferenceRun
{
    private const string SliverSetting = "flatten_sliver_min_area_m2";

    private readonly string _workloadFolder;
    private readonly string _connectionString;

    public PostGisReferenceRun(string workloadFolder, string connectionString)
    {
        _workloadFolder = workloadFolder;
        // A run takes as long as the workload needs; the caller's token bounds it, not a fixed command timeout.
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString;
        Schema = RunSchema.CreateUnique();
    }

    /// <summary>The schema this run works in; it exists only while the run does.</summary>
    public RunSchema Schema { get; }

    /// <summary>Stages the workload in <paramref name="workloadFolder"/>, runs intersect then flatten and returns timings and results.</summary>
    /// <exception cref="WorkloadException">The workload cannot be read or fails pre-flight.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the running command is cancelled on the server.</exception>
    public static Task<PostGisRunResult> RunAsync(string workloadFolder, string connectionString, CancellationToken cancellationToken = default) =>
        new PostGisReferenceRun(workloadFolder, connectionString).ExecuteAsync(cancellationToken);

    /// <inheritdoc cref="RunAsync"/>
    public async Task<PostGisRunResult> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var workload = MesaWorkload.Load(_workloadFolder);
        workload.Preflight();
        var sliverMinAreaM2 = workload.Config.GetDefaultDouble(SliverSetting);

        PostGisRunResult result;
        try
        {
            result = await RunInSchemaAsync(workload, sliverMinAreaM2, cancellationToken);
        }
        catch
        {
            await DropSchemaQuietlyAsync();
            throw;
        }
        await DropSchemaAsync();
        return result;
    }

    private async Task<PostGisRunResult> RunInSchemaAsync(MesaWorkload workload, double sliverMinAreaM2, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        connection.Notice += (_, e) =>
        {
            if (e.Notice.Severity == "WARNING") lock (warnings) warnings.Add(e.Notice.MessageText);
        };

        await ExecuteAsync(connection, "create_schema", cancellationToken);
        await ExecuteAsync(connection, "staging_tables", cancellationToken);

        IReadOnlyList<TableStaging> staging = [];
        var stageTime = await TimedAsync(async () => staging = await new WorkloadStager(connection, Schema).StageAsync(workload, cancellationToken));
        var indexTime = await TimedAsync(() => ExecuteAsync(connection, "staging_index", cancellationToken));

        var repaired = false;
        var intersectTime = await TimedAsync(async () =>
        {
            await ExecuteAsync(connection, "intersect_cells", cancellationToken);
            await ExecuteAsync(connection, "intersect_functions", cancellationToken);
            try
            {
                await ExecuteAsync(connection, "intersect_stacked", cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InternalError)
            {
                // GEOS reports failures as internal errors. The failed statement left nothing behind
                // (autocommit), so the same statement runs again with the make-valid fallback. Npgsql
                // treats XX000 as fatal to the connection; the schema outlives it, so reconnect.
                repaired = true;
                if (connection.State == System.Data.ConnectionState.Closed) await connection.OpenAsync(cancellationToken);
                await ExecuteAsync(connection, "intersect_repair", cancellationToken);
                await ExecuteAsync(connection, "intersect_stacked", cancellationToken);
            }
        });

        var flattenTime = await TimedAsync(async () =>
        {
            await ExecuteAsync(connection, "flatten_functions", cancellationToken);
            await using var flatten = new NpgsqlCommand(ProcessingSql.For("flatten", Schema), connection);
            flatten.Parameters.Add(new NpgsqlParameter<double> { TypedValue = sliverMinAreaM2 });
            await flatten.ExecuteNonQueryAsync(cancellationToken);
        });

        IReadOnlyList<StackedPair> stacked = [];
        IReadOnlyList<FlatTableRow> flat = [];
        var resultsTime = await TimedAsync(async () =>
        {
            stacked = await ResultReader.ReadStackedAsync(connection, Schema, cancellationToken);
            flat = await ResultReader.ReadFlatAsync(connection, Schema, cancellationToken);
        });

        StageTiming[] timings =
        [
            new("stage", stageTime, staging.Sum(t => t.Rows)),
            new("index", indexTime, null),
            new("intersect", intersectTime, stacked.Count),
            new("flatten", flattenTime, flat.Count),
            new("results", resultsTime, stacked.Count + flat.Count),
        ];
        lock (warnings) return new PostGisRunResult(timings, staging, stacked, flat, [.. warnings], repaired);
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sqlFile, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ProcessingSql.For(sqlFile, Schema), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<TimeSpan> TimedAsync(Func<Task> step)
    {
        var clock = Stopwatch.StartNew();
        await step();
        return clock.Elapsed;
    }

    // On a fresh connection and without the run's token: the run's connection may be broken or its
    // token already cancelled, and the schema must go either way.
    private async Task DropSchemaAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, "drop_schema", CancellationToken.None);
    }

    // After a failed run the original error is the one to report; a failing drop (say, the server
    // is gone) must not replace it.
    private async Task DropSchemaQuietlyAsync()
    {
        try
        {
            await DropSchemaAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
        }
    }
}
