namespace Mesa.Server.Tests.Support;

/// <summary>
/// An <c>nvidia-smi</c> stand-in for a node that claims a GPU on a machine without one: a script answering the
/// server's queries as a one-GPU machine does, first on the node's PATH.
/// </summary>
public static class FakeNvidiaSmi
{
    public const string Name = "Fake GPU 1";
    public const int UtilizationPercent = 37;
    public const int MemoryUsedMiB = 512;

    /// <summary>Writes the script into <paramref name="folder"/>; returns the PATH that finds it first.</summary>
    public static string Path(string folder)
    {
        var script = System.IO.Path.Combine(folder, "nvidia-smi");
        File.WriteAllText(script, $"""
            #!/bin/sh
            case "$1" in
              *utilization*) echo "0, {Name}, {UtilizationPercent}, {MemoryUsedMiB}" ;;
              "") echo "| NVIDIA-SMI 999.1   Driver Version: 999.1   CUDA Version: 99.9 |" ;;
              *) echo "{Name}, 1024 MiB, 999.1" ;;
            esac
            """);
        // The cluster tests run on Linux, like the servers they start.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return $"{folder}:{Environment.GetEnvironmentVariable("PATH")}";
    }
}
