using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Mesa.PostGis;

/// <summary>
/// One binary COPY into a staging table, counting the rows and payload bytes it sends. Disposing
/// it before <see cref="CompleteAsync"/> aborts the COPY, so nothing half-staged is committed.
/// </summary>
internal sealed class StagingCopy : IAsyncDisposable
{
    private readonly NpgsqlBinaryImporter _importer;
    private readonly string _table;
    private readonly Stopwatch _clock;
    private long _rows;
    private long _bytes;

    private StagingCopy(NpgsqlBinaryImporter importer, string table, Stopwatch clock)
    {
        _importer = importer;
        _table = table;
        _clock = clock;
    }

    /// <param name="copyCommand">A <c>COPY ... FROM STDIN (FORMAT BINARY)</c> statement.</param>
    public static async Task<StagingCopy> BeginAsync(NpgsqlConnection connection, string table, string copyCommand, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var importer = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        return new StagingCopy(importer, table, clock);
    }

    public Task StartRowAsync(CancellationToken cancellationToken)
    {
        _rows++;
        return _importer.StartRowAsync(cancellationToken);
    }

    public Task WriteBigintAsync(long value, CancellationToken cancellationToken)
    {
        _bytes += sizeof(long);
        return _importer.WriteAsync(value, NpgsqlDbType.Bigint, cancellationToken);
    }

    public Task WriteBigintAsync(long? value, CancellationToken cancellationToken) =>
        value is { } v ? WriteBigintAsync(v, cancellationToken) : _importer.WriteNullAsync(cancellationToken);

    public Task WriteIntegerAsync(int? value, CancellationToken cancellationToken)
    {
        if (value is not { } v) return _importer.WriteNullAsync(cancellationToken);
        _bytes += sizeof(int);
        return _importer.WriteAsync(v, NpgsqlDbType.Integer, cancellationToken);
    }

    public Task WriteBooleanAsync(bool? value, CancellationToken cancellationToken)
    {
        if (value is not { } v) return _importer.WriteNullAsync(cancellationToken);
        _bytes += sizeof(bool);
        return _importer.WriteAsync(v, NpgsqlDbType.Boolean, cancellationToken);
    }

    public Task WriteTextAsync(string? value, CancellationToken cancellationToken)
    {
        if (value is null) return _importer.WriteNullAsync(cancellationToken);
        _bytes += Encoding.UTF8.GetByteCount(value);
        return _importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
    }

    /// <summary>
    /// WKB into a geometry column: the bytes go to PostGIS's binary input as they are, and the
    /// column's geometry(…, 4326) typmod gives them their SRID. Null for no geometry.
    /// </summary>
    public Task WriteWkbAsync(byte[]? wkb, CancellationToken cancellationToken)
    {
        if (wkb is null) return _importer.WriteNullAsync(cancellationToken);
        _bytes += wkb.Length;
        return _importer.WriteAsync(wkb, NpgsqlDbType.Bytea, cancellationToken);
    }

    public async Task<TableStaging> CompleteAsync(CancellationToken cancellationToken)
    {
        await _importer.CompleteAsync(cancellationToken);
        return new TableStaging(_table, _rows, _bytes, _clock.Elapsed);
    }

    public ValueTask DisposeAsync() => _importer.DisposeAsync();
}
