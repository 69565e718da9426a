using System.Text.RegularExpressions;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Workload;

public sealed class MesaVersionTests
{
    [Theory]
    [InlineData("[DEFAULT]\nmesa_version = 5.6.0\n", "5.6.0")]
    [InlineData("[DEFAULT]\r\n  MESA_VERSION=5.6.1   # released in May\r\n", "5.6.1")]
    [InlineData("[DEFAULT]\nmesa_version = 5.6.0 ; not a comment here\n", "5.6.0 ; not a comment here")]
    [InlineData("[DEFAULT]\nold_mesa_version = 5.5\nmesa_version = 5.6\n", "5.6")]
    [InlineData("[DEFAULT]\nmesa_version = 5.6.0\n[X]\nmesa_version = 6.0\n", "5.6.0")]
    [InlineData("[DEFAULT]\ntiles_minzoom = 6\n", null)]
    [InlineData("[DEFAULT]\nmesa_version = # none\n", null)]
    public void The_first_mesa_version_line_is_read_as_MESA_reads_it(string text, string? expected)
    {
        Assert.Equal(expected, MesaVersion.Read(text));
        Assert.Equal(expected, MesaConfig.Parse(text).MesaVersion);
    }

    [Theory]
    [InlineData("mesa_version =\n\n   5.6.2 \n")]
    [InlineData("\n  \n\t mesa_version\n= 5.6\n")]
    [InlineData("mesa_version =   ")]
    [InlineData("mesa_version = \r\n\n")]
    [InlineData("mesa_version = \r\nmesa_version = 5.6\n")]
    [InlineData("mesa_version\nmesa_version = 5.6\n")]
    [InlineData("x mesa_version = 5.5\nmesa_version = 5.6\n")]
    [InlineData("mesa_version : 5.5\n  mesa_version=5.6#x\n")]
    [InlineData("\u2028mesa_version\u00a0=\u00a05.6\u00a0\u0085\n")]
    [InlineData("ME\u017fA_VERSION = 5.6\n")]
    [InlineData("mesa_versionmesa_version = 5.6\n")]
    [InlineData("")]
    public void The_scan_finds_what_MESAs_pattern_finds(string text)
    {
        // MESA's pattern itself (mesa.py), in the backtracking engine, as the reference.
        var match = Regex.Match(text, @"^\s*mesa_version\s*=\s*(.+?)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var value = match.Success ? match.Groups[1].Value : "";
        var hash = value.IndexOf('#');
        var expected = (hash >= 0 ? value[..hash] : value).Trim() is { Length: > 0 } version ? version : null;

        Assert.Equal(expected, MesaVersion.Read(text));
    }

    [Fact]
    public void Settings_do_not_change_the_version_config_ini_names()
    {
        var config = MesaConfig.Parse("[DEFAULT]\nmesa_version = 5.6.0\n").WithOverrides([("mesa_version", "6.0")]);
        Assert.Equal("5.6.0", config.MesaVersion);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("5.6")]
    [InlineData("5.6.0")]
    [InlineData("5.6.12")]
    [InlineData("v5.6.3-rc1")]
    public void MESA_5_6_and_no_version_are_accepted(string? version) => MesaVersion.Check(version, "config.ini");

    [Theory]
    [InlineData("5.5.2")]
    [InlineData("5.7.0")]
    [InlineData("6.0")]
    [InlineData("5")]
    [InlineData("56.0")]
    [InlineData("dev")]
    public void Other_versions_are_refused_saying_what_to_do(string version)
    {
        var error = Assert.Throws<WorkloadException>(() => MesaVersion.Check(version, "config.ini"));
        Assert.StartsWith($"config.ini: mesa_version = '{version}'", error.Message);
        Assert.Contains("MESA 5.6", error.Message);
        Assert.Contains("back it up again", error.Message);
    }
}
