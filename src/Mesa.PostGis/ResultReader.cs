using Npgsql;

namespace Mesa.PostGis;

/// <summary>Reads a run's tbl_stacked pairs and tbl_flat rows out of its schema.</summary>
internal static class ResultReader
{
    public static async Task<IReadOnlyList<StackedPair>> ReadStackedAsync(PostGisJob job, CancellationToken cancellationToken)
    {
        var result = new List<StackedPair>();
        await using var command = job.Query("intersect_results");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) result.Add(new StackedPair(reader.GetString(0), reader.GetInt64(1)));
        return result;
    }

    /// <summary>tbl_flat in tbl_flat.parquet's order, each row with the row number of its code's first cell.</summary>
    public static async Task<IReadOnlyList<(long FirstCellSeq, FlatTableRow Row)>> ReadFlatAsync(PostGisJob job, CancellationToken cancellationToken)
    {
        var result = new List<(long, FlatTableRow)>();
        await using var command = job.Query("flatten_results");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add((reader.GetInt64(27), new FlatTableRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                Long(reader, 3), Long(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8),
                Long(reader, 9), Long(reader, 10), Text(reader, 11), Text(reader, 12), Text(reader, 13), Text(reader, 14),
                Long(reader, 15), Long(reader, 16), Text(reader, 17), Text(reader, 18), Text(reader, 19), Text(reader, 20),
                Text(reader, 21), reader.GetInt64(22), reader.GetInt64(23), reader.GetInt64(24), reader.GetInt64(25),
                reader.GetFieldValue<byte[]>(26))));
        }
        return result;
    }

    private static long? Long(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
