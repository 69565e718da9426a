namespace Mesa.GeoParquet.Reading;

/// <summary>Limits that keep a hostile or broken file from exhausting memory.</summary>
public sealed record ParquetReaderOptions
{
    public static readonly ParquetReaderOptions Default = new();

    /// <summary>Most rows accepted in one row group (each read row group is held in memory).</summary>
    public long MaxRowsPerRowGroup { get; init; } = 64L * 1024 * 1024;
}
