using System.Security.Cryptography;
using System.Text.Json;
using Mesa.Cli.Pipeline;
using Mesa.Cli.Tests.Support;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;
using Mesa.Processing.Tests.Pipeline;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Native;

/// <summary>
/// The native mesa-cloud (compiled ahead of time, deploy/publish-cli.sh): <c>process</c> on the cpu engine runs in it and
/// writes the managed program's bytes; everything else becomes the managed program.
/// </summary>
public sealed class NativeCliTests(NativeCliRelease release) : IClassFixture<NativeCliRelease>, IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-native-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Process_runs_without_the_JIT_and_writes_the_same_bytes_as_the_managed_program()
    {
        var project = WorkedExampleWorkload.Build().Build(Path.Combine(_folder, "project"));
        var nativeOut = Path.Combine(_folder, "native");
        var managedOut = Path.Combine(_folder, "managed");

        var native = CliRunner.RunExecutable(release.Executable, NoEnvironment,
            "process", project, "--out", nativeOut, "--threads", "2", "--timings", Path.Combine(_folder, "native-timings.json"));
        var managed = CliRunner.RunExecutable("dotnet", NoEnvironment,
            Path.Combine(release.Folder, "mesa-cloud.dll"), "process", project, "--out", managedOut, "--threads", "2", "--timings", Path.Combine(_folder, "managed-timings.json"));

        CliAssert.Succeeded(native);
        CliAssert.Succeeded(managed);
        // No method was compiled at run time: the process ran as native code, not in a runtime it started.
        Assert.Equal(0, JitMethods("native-timings.json"));
        Assert.True(JitMethods("managed-timings.json") > 0);
        Assert.Equal(Summary(managed.Stdout, managedOut), Summary(native.Stdout, nativeOut));
        var outputs = Checksums(managedOut);
        Assert.Contains(OutputFiles.Flat, outputs.Keys);
        Assert.Contains(outputs.Keys, file => file.StartsWith("output/mbtiles/", StringComparison.Ordinal));
        Assert.Contains(OutputFiles.AreaStats, outputs.Keys);
        Assert.Equal(outputs, Checksums(nativeOut));
        Assert.Contains(native.Stderr.Split('\n'), line => line.StartsWith("intersect: 100.0% ", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_input_to_process_is_reported_as_the_managed_program_reports_it()
    {
        var missing = Path.Combine(_folder, "no-such-project");

        var native = CliRunner.RunExecutable(release.Executable, NoEnvironment, "process", missing);
        var managed = CliRunner.RunExecutable("dotnet", NoEnvironment, Path.Combine(release.Folder, "mesa-cloud.dll"), "process", missing);

        Assert.Equal(1, native.ExitCode);
        Assert.Equal(managed.Stderr, native.Stderr);
        Assert.Contains("does not exist", native.Stderr);
    }

    [Fact]
    public void Other_commands_and_other_engines_run_in_the_managed_program()
    {
        var project = WorkedExampleWorkload.Build().Build(Path.Combine(_folder, "project"));
        var noDatabase = new Dictionary<string, string> { [ProcessCommand.ConnectionVariable] = "" };

        var inspect = CliRunner.RunExecutable(release.Executable, NoEnvironment, "parquet", "inspect", Path.Combine(project, WorkloadFiles.GeocodeObject));
        var postgis = CliRunner.RunExecutable(release.Executable, noDatabase, "process", project, "--engine", "postgis");
        var unknown = CliRunner.RunExecutable(release.Executable, NoEnvironment, "no-such-command");

        CliAssert.Succeeded(inspect);
        Assert.Equal(CliRunner.Run("parquet", "inspect", Path.Combine(project, WorkloadFiles.GeocodeObject)).Stdout, inspect.Stdout);
        // Only the managed program has the PostGIS engine; its message names the missing connection string.
        Assert.Equal(1, postgis.ExitCode);
        Assert.Contains($"set --connection or ${ProcessCommand.ConnectionVariable}", postgis.Stderr);
        Assert.False(Directory.Exists(Path.Combine(project, "output", "geoparquet", "tbl_stacked")), "process ran before the engine was chosen");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unrecognized command or argument 'no-such-command'", unknown.Stderr);
        Assert.Contains("parquet", unknown.Stdout);
    }

    [Fact]
    public void Without_a_dotnet_to_run_the_managed_program_it_says_where_it_looks()
    {
        var noDotnet = new Dictionary<string, string> { ["PATH"] = _folder, ["DOTNET_ROOT"] = "" };

        var result = CliRunner.RunExecutable(release.Executable, noDotnet, "parquet", "inspect", "x.parquet");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("could not start the .NET runtime", result.Stderr);
        Assert.Contains("set DOTNET_ROOT or put dotnet on PATH", result.Stderr);
    }

    private long JitMethods(string timings)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, timings)));
        return report.RootElement.GetProperty("jitted_methods").GetInt64();
    }

    // The summary less what differs between two runs by design: the output folder and the stages' seconds.
    private static string Summary(string stdout, string output)
    {
        using var summary = JsonDocument.Parse(stdout);
        Assert.Equal(Path.GetFullPath(output), summary.RootElement.GetProperty("output").GetString());
        return string.Join(',', summary.RootElement.EnumerateObject()
            .Where(p => p.Name is not ("output" or "stages"))
            .Select(p => $"{p.Name}={p.Value.GetRawText()}"));
    }

    // Every output file's SHA-256 except the two that hold timings (manifest.json, process.log).
    private static Dictionary<string, string> Checksums(string output) =>
        Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Where(file => Path.GetFileName(file) is not ("manifest.json" or "process.log"))
            .ToDictionary(file => Path.GetRelativePath(output, file).Replace('\\', '/'), file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));
}
