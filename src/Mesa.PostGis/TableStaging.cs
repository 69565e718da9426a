namespace Mesa.PostGis;

/// <summary>How one table went into PostgreSQL by binary COPY.</summary>
/// <param name="Bytes">Payload bytes sent (WKB, UTF-8 text and fixed-width values, without COPY framing).</param>
/// <param name="Elapsed">From the start of the COPY to its completion; geocode objects are read from parquet row group by row group during it, the smaller tables before it.</param>
public sealed record TableStaging(string Table, long Rows, long Bytes, TimeSpan Elapsed)
{
    public double MegabytesPerSecond => Elapsed > TimeSpan.Zero ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;
}
