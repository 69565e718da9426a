namespace Mesa.Cli.Bench;

/// <summary>Resident memory of another process (Linux), read from /proc/PID/status.</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="pid"/> in bytes.</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            // "VmRSS:	  123456 kB"
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS line.");
    }
}
