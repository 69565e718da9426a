using System.Runtime.InteropServices;

namespace Mesa.Cli.Native;

/// <summary>
/// Hands a command line to the managed mesa-cloud.dll beside this program: this process becomes
/// <c>dotnet mesa-cloud.dll ARGS</c> (execv), so its exit status, signals and standard streams are the managed program's.
/// </summary>
internal static partial class ManagedCli
{
    public const string Assembly = "mesa-cloud.dll";

    /// <summary>Does not return unless the runtime could not be started.</summary>
    /// <returns>The exit status when it could not: 1, with the reason on stderr.</returns>
    public static int Become(string[] args)
    {
        var command = args.FirstOrDefault() ?? "";
        var assembly = Path.Combine(AppContext.BaseDirectory, Assembly);
        if (!File.Exists(assembly))
            return CommandFailure.Report(command, $"this command runs in {assembly}, which is missing: publish with deploy/publish.sh");
        var dotnet = DotnetHost();
        string[] argv = [dotnet, assembly, .. args];
        var pointers = new nint[argv.Length + 1];
        for (var i = 0; i < argv.Length; i++) pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
        Console.Out.Flush();
        Console.Error.Flush();
        Execvp(pointers[0], pointers);
        var error = Marshal.GetLastPInvokeErrorMessage();
        return CommandFailure.Report(command, $"could not start the .NET runtime ({dotnet}) for {Assembly}: {error}; set DOTNET_ROOT or put dotnet on PATH");
    }

    // Where the managed program's own launcher looks first; otherwise dotnet on PATH (execvp searches it).
    private static string DotnetHost()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return !string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")) ? Path.Combine(root, "dotnet") : "dotnet";
    }

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true)]
    private static partial int Execvp(nint file, nint[] argv);
}
