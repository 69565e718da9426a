namespace Mesa.Server.Configuration;

/// <summary>Hard limits on uploaded workloads (sizes in bytes).</summary>
public sealed class LimitOptions
{
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;
    public int MaxZipEntries { get; set; } = 1000;
    public long MaxUncompressedBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Largest uncompressed/compressed ratio of the whole archive, and of any entry over 1 MiB.</summary>
    public double MaxCompressionRatio { get; set; } = 100;
}
