using System.Text.Json;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Doctor;

/// <summary><c>mesa-cloud doctor</c> against a small release folder whose manifest <c>doctor write-manifest</c> wrote.</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string _release = Directory.CreateTempSubdirectory("mesa-doctor-").FullName;

    public DoctorCommandTests()
    {
        File.WriteAllText(Path.Combine(_release, "mesa-server.dll"), "server");
        Directory.CreateDirectory(Path.Combine(_release, "runtimes", "linux-x64"));
        File.WriteAllText(Path.Combine(_release, "runtimes", "linux-x64", "native.so"), "native");
        var written = CliRunner.Run("doctor", "write-manifest", "--release", _release, "--version", "1.4.0");
        Assert.Equal(0, written.ExitCode);
        Assert.Contains("2 files", written.Stdout);
    }

    public void Dispose() => Directory.Delete(_release, recursive: true);

    [Fact]
    public void A_clean_release_passes()
    {
        var result = CliRunner.Run("doctor", "--release", _release);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Release 1.4.0 in {_release}: all 2 files match the build manifest.", result.Stdout.Trim());
    }

    [Fact]
    public void A_tampered_file_is_reported_as_changed()
    {
        File.WriteAllText(Path.Combine(_release, "runtimes", "linux-x64", "native.so"), "patched");
        var result = CliRunner.Run("doctor", "--release", _release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("runtimes/linux-x64/native.so has changed: its SHA-256 differs from the build manifest's.", result.Stdout);
        Assert.Contains(": 1 differences from the build manifest.", result.Stdout);
    }

    [Fact]
    public void A_missing_file_is_reported()
    {
        File.Delete(Path.Combine(_release, "mesa-server.dll"));
        var result = CliRunner.Run("doctor", "--release", _release);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mesa-server.dll is missing: the build manifest lists it, the release folder lacks it.", result.Stdout);
    }

    [Fact]
    public void An_extra_file_is_reported_and_json_lists_every_problem()
    {
        File.WriteAllText(Path.Combine(_release, "extra.dll"), "planted");
        File.Delete(Path.Combine(_release, "mesa-server.dll"));
        Assert.Contains("extra.dll is extra: it is in the release folder but not in the build manifest.", CliRunner.Run("doctor", "--release", _release).Stdout);

        var result = CliRunner.Run("doctor", "--release", _release, "--json");
        Assert.Equal(1, result.ExitCode);
        using var report = JsonDocument.Parse(result.Stdout);
        Assert.Equal("1.4.0", report.RootElement.GetProperty("version").GetString());
        Assert.False(report.RootElement.GetProperty("ok").GetBoolean());
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("kind").GetString()} {p.GetProperty("path").GetString()}");
        Assert.Equal(["extra extra.dll", "missing mesa-server.dll"], problems);
    }

    [Fact]
    public void Without_release_it_checks_its_own_folder_and_says_when_there_is_no_manifest()
    {
        var result = CliRunner.Run("doctor");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("mesa-cloud doctor: No build-manifest.json in ", result.Stderr);
        Assert.Contains(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), result.Stderr);
    }
}
