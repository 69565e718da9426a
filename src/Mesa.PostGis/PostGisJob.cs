using Mesa.Processing.Workload;
using Npgsql;

namespace Mesa.PostGis;

/// <summary>
/// One run's schema on one connection: the steps both the PostGIS engine and the reference run take
/// (stage, index, intersect, flatten, read back) and the drop that ends every run, however it ends.
/// </summary>
internal sealed class PostGisJob : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly List<string> _warnings = [];
    private NpgsqlConnection _connection;
    private bool _dropped;

    private PostGisJob(string connectionString, RunSchema schema)
    {
        _connectionString = connectionString;
        Schema = schema;
        _connection = Connect();
    }

    public RunSchema Schema { get; }

    /// <summary>Server warnings so far, e.g. pairs intersect kept without being able to evaluate them.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_warnings) return [.. _warnings];
        }
    }

    /// <summary>Connects and creates the schema and its staging tables; on failure nothing is left behind.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses.</exception>
    public static async Task<PostGisJob> OpenAsync(string connectionString, RunSchema schema, CancellationToken cancellationToken)
    {
        // A run takes as long as the workload needs; the caller's token bounds it, not a fixed command timeout.
        var job = new PostGisJob(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString, schema);
        try
        {
            await job._connection.OpenAsync(cancellationToken);
            await job.ExecuteAsync("create_schema", cancellationToken);
            await job.ExecuteAsync("staging_tables", cancellationToken);
            return job;
        }
        catch
        {
            await job.DisposeAsync();
            throw;
        }
    }

    /// <summary>"host:port/database" of a connection string, for messages: never the password.</summary>
    public static string Describe(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{target.Host}:{target.Port}/{target.Database}";
    }

    public Task<IReadOnlyList<TableStaging>> StageAsync(MesaWorkload workload, CancellationToken cancellationToken) =>
        new WorkloadStager(_connection, Schema).StageAsync(workload, cancellationToken);

    public Task IndexAsync(CancellationToken cancellationToken) => ExecuteAsync("staging_index", cancellationToken);

    /// <summary>Builds the run's tbl_stacked; true when a GEOS error sent it to the make-valid fallback.</summary>
    public async Task<bool> IntersectAsync(CancellationToken cancellationToken)
    {
        await ExecuteAsync("intersect_cells", cancellationToken);
        await ExecuteAsync("intersect_functions", cancellationToken);
        try
        {
            await ExecuteAsync("intersect_stacked", cancellationToken);
            return false;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InternalError)
        {
            // GEOS reports failures as internal errors. The failed statement left nothing behind
            // (autocommit), so the same statement runs again with the make-valid fallback. Npgsql
            // treats XX000 as fatal to the connection; the schema outlives it, so reconnect.
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                await _connection.DisposeAsync();
                _connection = Connect();
                await _connection.OpenAsync(cancellationToken);
            }
            await ExecuteAsync("intersect_repair", cancellationToken);
            await ExecuteAsync("intersect_stacked", cancellationToken);
            return true;
        }
    }

    /// <summary>The geodesic area in km^2 of the union of the asset polygons, as tbl_data_extent holds it.</summary>
    public async Task<double> DataExtentAreaAsync(CancellationToken cancellationToken)
    {
        await using var command = Query("data_extent");
        return Convert.ToDouble(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Builds the run's tbl_flat from its tbl_stacked.</summary>
    public async Task FlattenAsync(double sliverMinAreaM2, CancellationToken cancellationToken)
    {
        await ExecuteAsync("flatten_functions", cancellationToken);
        await using var flatten = new NpgsqlCommand(ProcessingSql.For("flatten", Schema), _connection);
        flatten.Parameters.Add(new NpgsqlParameter<double> { TypedValue = sliverMinAreaM2 });
        await flatten.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command over one of the result queries of sql/processing/, for the caller to read.</summary>
    public NpgsqlCommand Query(string sqlFile) => new(ProcessingSql.For(sqlFile, Schema), _connection);

    /// <summary>Closes the run's connection and drops its schema on a fresh one.</summary>
    /// <remarks>
    /// Without the run's token: the run's connection may be broken or its token already cancelled,
    /// and the schema must go either way.
    /// </remarks>
    public async Task DropAsync()
    {
        await _connection.DisposeAsync();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var drop = new NpgsqlCommand(ProcessingSql.For("drop_schema", Schema), connection);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
        _dropped = true;
    }

    /// <summary>
    /// Drops the schema unless <see cref="DropAsync"/> already did. After a failed run the original
    /// error is the one to report: a failing drop (say, the server is gone) must not replace it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_dropped) return;
        try
        {
            await DropAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
        }
    }

    private NpgsqlConnection Connect()
    {
        var connection = new NpgsqlConnection(_connectionString);
        connection.Notice += (_, e) =>
        {
            if (e.Notice.Severity == "WARNING") lock (_warnings) _warnings.Add(e.Notice.MessageText);
        };
        return connection;
    }

    private async Task ExecuteAsync(string sqlFile, CancellationToken cancellationToken)
    {
        await using var command = Query(sqlFile);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
