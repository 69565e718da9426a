namespace Mesa.PostGis;

/// <summary>How one table went into PostgreSQL by binary COPY.</summary>
/// <param name="Bytes">Payload bytes sent (WKB, UTF-8 text and fixed-width values, without COPY framing).</param>
public sealed record TableStaging(string Table, long Rows, long Bytes, TimeSpan Elapsed)
{
    public double MegabytesPerSecond => Elapsed > TimeSpan.Zero ? Bytes / 1e6 / Elapsed.TotalSeconds : 0;
}
