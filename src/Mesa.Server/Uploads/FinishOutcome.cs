namespace Mesa.Server.Uploads;

/// <summary>What finishing a resumable upload led to.</summary>
public abstract record FinishOutcome
{
    /// <summary>The checksums agree: the file is now the job's upload.</summary>
    public sealed record Finished(long Bytes, string Sha256) : FinishOutcome;

    /// <summary>The client's checksum differs from that of the bytes received, which were discarded.</summary>
    public sealed record Mismatch(long Bytes, string Sha256) : FinishOutcome;

    /// <summary>No chunk was received.</summary>
    public sealed record Empty : FinishOutcome;

    /// <summary>Another request is writing to or finishing the same upload.</summary>
    public sealed record Busy : FinishOutcome;
}
