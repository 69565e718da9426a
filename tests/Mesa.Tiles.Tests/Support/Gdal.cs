using System.Diagnostics;
using System.Globalization;

namespace Mesa.Tiles.Tests.Support;

/// <summary>Runs GDAL's command-line tools (gdal-bin; see docs/testing.md) as an independent reader of our files.</summary>
internal static class Gdal
{
    public static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>The four band values at a pixel (column, row) of a raster.</summary>
    public static int[] PixelAt(string path, int column, int row) =>
        Values(Run("gdallocationinfo", "-valonly", path, column.ToString(CultureInfo.InvariantCulture), row.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The four band values at a WGS84 position (of the file's full-resolution level).</summary>
    public static int[] ValueAtLonLat(string path, double lon, double lat) =>
        Values(Run("gdallocationinfo", "-valonly", "-wgs84", path, lon.ToString("R", CultureInfo.InvariantCulture), lat.ToString("R", CultureInfo.InvariantCulture)));

    private static int[] Values(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
