using System.Diagnostics;

namespace Mesa.TestSupport;

/// <summary>Runs the real <c>mesa-cloud</c> program (built next to the tests) as a child process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (a private config folder, say).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "mesa-cloud.dll"), .. args], environment, null);

    /// <summary>Runs with <paramref name="stdin"/> as its standard input, closed after it.</summary>
    public static Result RunWithInput(string stdin, params string[] args) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "mesa-cloud.dll"), .. args], new Dictionary<string, string>(), stdin);

    /// <summary>Runs an executable of mesa-cloud's other than the one built next to the tests (a published one, say).</summary>
    public static Result RunExecutable(string executable, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(executable, args, environment, null);

    private static Result Start(string program, string[] args, IReadOnlyDictionary<string, string> environment, string? stdin)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mesa-cloud {string.Join(' ', args)} did not finish in 2 minutes.");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
