using Mesa.GeoParquet;

namespace Mesa.Cli.Parquet;

/// <summary>
/// Runs a command on one input file and turns any failure into a single line on stderr naming the file,
/// with exit code 1, so scripts can rely on "exit 0 means the whole output is valid".
/// </summary>
internal static class FileCommandRunner
{
    public static int Run(string command, string path, Action<Stream> write)
    {
        try
        {
            using var stdout = Console.OpenStandardOutput();
            using var buffered = new BufferedStream(stdout, 1 << 16);
            write(buffered);
            buffered.Flush();
            return 0;
        }
        catch (Exception e) when (e is ParquetFormatException or IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException)
        {
            var message = e.Message;
            // Library messages usually start with the file name already; don't say it twice.
            var text = message.Contains(path, StringComparison.Ordinal) ? message : $"{path}: {message}";
            return CommandFailure.Report(command, text);
        }
    }
}
