using System.Diagnostics;
using Mesa.Cli.Tests.Support;
using Mesa.Processing.Tests.Import;

namespace Mesa.Cli.Tests.Native;

/// <summary>
/// A release folder laid out as deploy/publish-cli.sh lays it out: the managed program as built for these tests and,
/// as its <c>mesa-cloud</c> executable, the native entry point compiled ahead of time (a real <c>dotnet publish</c> with
/// PublishAot, once for all the tests that share it).
/// </summary>
public sealed class NativeCliRelease : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-native-cli-").FullName;

    public NativeCliRelease()
    {
        ManagedCliBuild.CopyTo(Folder);
        // The solution's restore already holds the linux-x64 packages (RuntimeIdentifiers in the project); restoring
        // again here would rewrite the assets of projects other test processes are built from.
        var native = Path.Combine(_folder, "native");
        var publish = System.Diagnostics.Process.Start(new ProcessStartInfo("dotnet",
            ["publish", Path.Combine(SampleData.RepositoryRoot(), "src", "Mesa.Cli.Native"), "-c", ManagedCliBuild.Configuration, "-r", "linux-x64", "--no-restore", "-o", native, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        if (!publish.WaitForExit(TimeSpan.FromMinutes(10))) publish.Kill(entireProcessTree: true);
        if (!publish.HasExited || publish.ExitCode != 0)
            throw new InvalidOperationException($"publishing the native mesa-cloud failed:\n{output.Result}\n{errors.Result}");
        File.Copy(Path.Combine(native, "mesa-cloud-native"), Executable, overwrite: true);
        // A linux-x64 publish puts the native libraries (Parquet, SQLite) beside the program, where both programs find them.
        foreach (var library in Directory.EnumerateFiles(native, "*.so")) File.Copy(library, Path.Combine(Folder, Path.GetFileName(library)), overwrite: true);
    }

    /// <summary>The managed program (mesa-cloud.dll and what it loads) with the native executable beside it.</summary>
    public string Folder => Path.Combine(_folder, "release");

    /// <summary>The native <c>mesa-cloud</c>.</summary>
    public string Executable => Path.Combine(Folder, "mesa-cloud");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
