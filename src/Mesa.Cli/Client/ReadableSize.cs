using System.Globalization;

namespace Mesa.Cli.Client;

/// <summary>Byte counts as people read them: 812 bytes, 4.2 KB, 12.3 MB, 1.1 GB (powers of 1024).</summary>
internal static class ReadableSize
{
    private static readonly string[] Units = ["KB", "MB", "GB", "TB"];

    public static string Of(long bytes)
    {
        if (bytes < 1024) return $"{bytes} bytes";
        var value = (double)bytes;
        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{value:F1} {Units[unit]}");
    }
}
