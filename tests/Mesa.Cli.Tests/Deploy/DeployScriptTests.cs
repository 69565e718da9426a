using System.Net;
using System.Runtime.Versioning;

namespace Mesa.Cli.Tests.Deploy;

/// <summary>
/// deploy/install.sh and update.sh into a temporary root (<c>--no-systemd</c>: the server runs in the background as
/// this user): the layout and modes install leaves, an update to a new release, a release that does not match its
/// manifest refused, and one that matches it but cannot start rolled back.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DeployScriptTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Install_then_update_then_a_broken_release_rolled_back()
    {
        using var deploy = new DeployRoot();

        var first = deploy.Release("1.0.0");
        var install = deploy.Install(first);
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
        Assert.Equal("releases/1.0.0", deploy.Current);
        Assert.Equal(HttpStatusCode.OK, await deploy.ReadyAsync());
        Assert.Equal(OwnerReadWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(deploy.ConfigDir, "mesa-server.env")));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(deploy.ConfigDir, "secrets.env")));
        Assert.Contains($"Mesa__DataFolder=\"{deploy.DataDir}\"", File.ReadAllLines(Path.Combine(deploy.ConfigDir, "mesa-server.env")));
        Assert.True(File.Exists(Path.Combine(deploy.DataDir, "state.db")), "the server keeps its state in the data folder");
        var unit = File.ReadAllLines(deploy.UnitFile);
        foreach (var line in new[]
                 {
                     "User=mesa", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                     $"ReadWritePaths={deploy.DataDir}", "CapabilityBoundingSet=", "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
                     "LockPersonality=yes", "MemoryDenyWriteExecute=no", "SystemCallArchitectures=native", "Restart=on-failure",
                     $"EnvironmentFile={deploy.ConfigDir}/mesa-server.env", $"EnvironmentFile={deploy.ConfigDir}/secrets.env",
                     $"WorkingDirectory={deploy.InstallDir}/current",
                 })
            Assert.Contains(line, unit);

        var secrets = File.ReadAllText(Path.Combine(deploy.ConfigDir, "secrets.env"));
        Assert.Contains("Mesa__Cluster__AdminApiKey=", secrets);
        var again = deploy.Install(first);
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Equal(secrets, File.ReadAllText(Path.Combine(deploy.ConfigDir, "secrets.env")));

        var before = deploy.ServerPid!.Value;
        var update = deploy.Update(deploy.Release("1.0.1"));
        Assert.True(update.ExitCode == 0, update.Stdout + update.Stderr);
        Assert.Equal("releases/1.0.1", deploy.Current);
        Assert.Equal(HttpStatusCode.OK, await deploy.ReadyAsync());
        Assert.False(DeployRoot.Runs(before), "the old release's server was stopped");
        Assert.True(Directory.Exists(Path.Combine(deploy.InstallDir, "releases", "1.0.0")), "the previous release stays beside the new one");

        var running = deploy.ServerPid!.Value;
        var tamperedRelease = deploy.Release("1.0.2-tampered");
        File.AppendAllText(Path.Combine(tamperedRelease, "mesa-server.dll"), "x");
        var tampered = deploy.Update(tamperedRelease);
        Assert.NotEqual(0, tampered.ExitCode);
        Assert.Contains("mesa-server.dll has changed", tampered.Stderr);
        Assert.Equal("releases/1.0.1", deploy.Current);
        Assert.Equal(running, deploy.ServerPid);
        Assert.DoesNotContain("1.0.2-tampered", deploy.InstalledReleases);

        // Its manifest agrees with it, so only starting it shows it is broken.
        var broken = deploy.Update(deploy.Release("1.0.3-broken", release => File.WriteAllText(Path.Combine(release, "appsettings.json"), "{ not json")));
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("release 1.0.3-broken did not become ready; rolled back to 1.0.1, which is running", broken.Stderr);
        Assert.Equal("releases/1.0.1", deploy.Current);
        Assert.Equal(HttpStatusCode.OK, await deploy.ReadyAsync());

        var kept = deploy.Update(deploy.Release("1.0.4"), "--keep", "2");
        Assert.True(kept.ExitCode == 0, kept.Stdout + kept.Stderr);
        Assert.Equal(["1.0.1", "1.0.4"], deploy.InstalledReleases);
        Assert.Equal(HttpStatusCode.OK, await deploy.ReadyAsync());
    }
}
