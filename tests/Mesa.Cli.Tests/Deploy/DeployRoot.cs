using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mesa.Cli.Tests.Support;
using Mesa.Processing.Tests.Import;
using Mesa.TestSupport;

namespace Mesa.Cli.Tests.Deploy;

/// <summary>
/// A temporary root for deploy/install.sh and update.sh in <c>--no-systemd</c> mode, releases made from the built
/// CLI (which carries the whole server) with their manifests, and the background server they start, killed at the end.
/// </summary>
internal sealed class DeployRoot : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mesa-deploy-").FullName;

    public DeployRoot()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }
    public string Root => Path.Combine(_folder, "root");
    public string InstallDir => Path.Combine(Root, "opt", "mesa-server");
    public string ConfigDir => Path.Combine(Root, "etc", "mesa-server");
    public string DataDir => Path.Combine(Root, "var", "lib", "mesa-server");
    public string UnitFile => Path.Combine(Root, "etc", "systemd", "system", "mesa-server.service");
    private string PidFile => Path.Combine(Root, "run", "mesa-server", "mesa-server.pid");

    /// <summary>The release `current` points to (its folder name).</summary>
    public string? Current => new FileInfo(Path.Combine(InstallDir, "current")).LinkTarget;

    public int? ServerPid => File.Exists(PidFile) ? int.Parse(File.ReadAllText(PidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>A release folder with the build output and a manifest for <paramref name="version"/>; <paramref name="change"/> alters it first.</summary>
    public string Release(string version, Action<string>? change = null)
    {
        var release = Path.Combine(_folder, "releases", version);
        ManagedCliBuild.CopyTo(release);
        change?.Invoke(release);
        var manifest = CliRunner.Run("doctor", "write-manifest", "--release", release, "--version", version);
        Assert.True(manifest.ExitCode == 0, manifest.Stderr);
        return release;
    }

    public CliRunner.Result Install(string release) =>
        Script("install.sh", "--root", Root, "--release", release, "--no-systemd", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "120");

    public CliRunner.Result Update(string release, params string[] options) =>
        Script("update.sh", ["--root", Root, "--release", release, "--no-systemd", "--timeout", "120", .. options]);

    public IEnumerable<string> InstalledReleases => Directory.EnumerateDirectories(Path.Combine(InstallDir, "releases")).Select(Path.GetFileName).Order()!;

    public async Task<HttpStatusCode> ReadyAsync()
    {
        using var http = new HttpClient();
        return (await http.GetAsync($"http://127.0.0.1:{Port}/health/ready")).StatusCode;
    }

    public static bool Runs(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static CliRunner.Result Script(string name, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(SampleData.RepositoryRoot(), "deploy", name));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"deploy/{name} did not finish in 5 minutes.");
        }
        return new CliRunner.Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        if (ServerPid is { } pid && Runs(pid))
        {
            using var server = System.Diagnostics.Process.GetProcessById(pid);
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
        Directory.Delete(_folder, recursive: true);
    }
}
