using Microsoft.Data.Sqlite;

namespace Mesa.Tiles.Mbtiles;

/// <summary>
/// Writes one MBTiles file with the contract's schema: metadata(name, value), tiles(zoom_level,
/// tile_column, tile_row, tile_data) with a unique index on the tile address. Tiles are inserted in
/// transactions of <see cref="BatchSize"/>. Not thread-safe: one writer per file. A SQLite failure (a folder that
/// cannot be written, a full disk) surfaces as an <see cref="IOException"/> that names the file.
/// </summary>
public sealed class MbtilesWriter : IDisposable
{
    private const int BatchSize = 512;

    private readonly string _path;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private SqliteTransaction? _transaction;
    private int _pending;

    /// <exception cref="IOException">The file cannot be created or written.</exception>
    public MbtilesWriter(string path, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        _path = path;
        File.Delete(path);
        try
        {
            // No pooling: the file must be closed (and complete) once the writer is disposed.
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString());
            _connection.Open();
            // A half-written file is discarded anyway, so the journal buys nothing.
            Execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
            Execute("""
                CREATE TABLE metadata (name TEXT, value TEXT);
                CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
                CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
                """);
            using (var transaction = _connection.BeginTransaction())
            using (var insert = _connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO metadata (name, value) VALUES ($name, $value)";
                var name = insert.Parameters.Add("$name", SqliteType.Text);
                var value = insert.Parameters.Add("$value", SqliteType.Text);
                foreach (var entry in metadata)
                {
                    name.Value = entry.Key;
                    value.Value = entry.Value;
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            _insert = _connection.CreateCommand();
            _insert.CommandText = "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES ($z, $x, $y, $data)";
            _insert.Parameters.Add("$z", SqliteType.Integer);
            _insert.Parameters.Add("$x", SqliteType.Integer);
            _insert.Parameters.Add("$y", SqliteType.Integer);
            _insert.Parameters.Add("$data", SqliteType.Blob);
        }
        catch (SqliteException e)
        {
            _connection?.Dispose();
            throw Failure(e);
        }
    }

    public long TileCount { get; private set; }

    /// <param name="tmsRow">The TMS row (0 at the south), as MBTiles stores it.</param>
    public void Add(int zoom, long column, long tmsRow, byte[] png)
    {
        if (_transaction is null)
        {
            _transaction = _connection.BeginTransaction();
            _insert.Transaction = _transaction;
        }
        _insert.Parameters[0].Value = zoom;
        _insert.Parameters[1].Value = column;
        _insert.Parameters[2].Value = tmsRow;
        _insert.Parameters[3].Value = png;
        try
        {
            _insert.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            throw Failure(e);
        }
        TileCount++;
        if (++_pending >= BatchSize) Commit();
    }

    public void Dispose()
    {
        try
        {
            Commit();
        }
        finally
        {
            _insert.Dispose();
            _connection.Dispose();
        }
    }

    private void Commit()
    {
        try
        {
            _transaction?.Commit();
        }
        catch (SqliteException e)
        {
            throw Failure(e);
        }
        finally
        {
            _transaction?.Dispose();
            _transaction = null;
            _pending = 0;
        }
    }

    private IOException Failure(SqliteException e) => new($"Cannot write {_path}: {e.Message}", e);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
