using System.ComponentModel;
using System.Diagnostics;

namespace Mesa.Server.Operations;

/// <summary>Runs NVIDIA's <c>nvidia-smi</c>, the driver's own view of its GPUs.</summary>
public static class NvidiaSmi
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>The output, or null and why: not installed (no error to report: a machine without a GPU), failed, or hung.</summary>
    public static (string? Output, string? Error) Run(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null) return (null, null);
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                return (null, $"nvidia-smi did not answer within {Limit.TotalSeconds:0} s");
            }
            return process.ExitCode == 0 ? (output.Result, null) : (null, $"nvidia-smi exited with {process.ExitCode}: {error.Result.Trim()}");
        }
        catch (Win32Exception)
        {
            return (null, null);
        }
    }
}
