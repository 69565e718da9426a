namespace Mesa.GeoParquet.Reading;

/// <summary>Limits that keep a hostile or broken file from exhausting memory.</summary>
public sealed record ParquetReaderOptions
{
    public static readonly ParquetReaderOptions Default = new();

    /// <summary>Largest footer accepted, in bytes.</summary>
    public int MaxFooterBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Largest decompressed page accepted, in bytes.</summary>
    public int MaxPageBytes { get; init; } = 512 * 1024 * 1024;

    /// <summary>Most rows accepted in one row group (each read row group is held in memory).</summary>
    public long MaxRowsPerRowGroup { get; init; } = 64L * 1024 * 1024;
}
