using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>
/// Runs the node scripts in tools/interop (DuckDB and hyparquet, the independent Parquet
/// implementations) and parses what they print. Missing node or node_modules is an error, never
/// a skip: the cross-checks are only worth something when they always run.
/// </summary>
public static class NodeInterop
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    private static readonly Lazy<string> RepoRootLazy = new(FindRepoRoot);

    public static string RepoRoot => RepoRootLazy.Value;

    public static string InteropDirectory => Path.Combine(RepoRoot, "tools", "interop");

    /// <summary>Runs <c>node tools/interop/SCRIPT args</c>; throws unless it exits with 0.</summary>
    public static string Run(string script, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        EnsureModulesInstalled();
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(Path.Combine(InteropDirectory, script));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var commandLine = $"node tools/interop/{script} {string.Join(' ', args)}";
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new NodeInteropException($"{commandLine}: node did not start");
        }
        catch (Win32Exception e)
        {
            throw new NodeInteropException($"{commandLine}: cannot start node ({e.Message}); install node >= 20 and run scripts/test-env.sh", e);
        }

        using (process)
        {
            // Both pipes are drained concurrently so a chatty script cannot block on a full pipe.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var limit = timeout ?? DefaultTimeout;
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new NodeInteropException($"{commandLine}: timed out after {limit}; stderr:\n{stderr.Result}");
            }
            process.WaitForExit(); // flushes the async readers
            if (process.ExitCode != 0)
            {
                throw new NodeInteropException($"{commandLine}: exit code {process.ExitCode}; stderr:\n{stderr.Result}");
            }
            return stdout.Result;
        }
    }

    public static JsonElement RunJson(string script, params string[] args) => ParseJson(Run(script, args));

    public static List<Dictionary<string, string?>> RunJsonLines(string script, params string[] args) =>
        ParseJsonLines(Run(script, args));

    public static JsonElement ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Parses canonical rows: one JSON object per line, every value a string or null.</summary>
    public static List<Dictionary<string, string?>> ParseJsonLines(string text)
    {
        var rows = new List<Dictionary<string, string?>>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            using var document = JsonDocument.Parse(line);
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                row[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => property.Value.GetString(),
                    _ => throw new FormatException($"column {property.Name}: canonical values are strings or null, got {property.Value}"),
                };
            }
            rows.Add(row);
        }
        return rows;
    }

    public static List<Dictionary<string, string?>> ReadJsonLinesFile(string path) =>
        ParseJsonLines(File.ReadAllText(path, Encoding.UTF8));

    private static void EnsureModulesInstalled()
    {
        foreach (var module in new[] { "@duckdb/node-api", "hyparquet", "hyparquet-compressors" })
        {
            var directory = Path.Combine(InteropDirectory, "node_modules", module);
            if (!Directory.Exists(directory))
            {
                throw new NodeInteropException($"{directory} is missing; run scripts/test-env.sh (npm ci in tools/interop)");
            }
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mesa.Orleans.sln")))
            {
                return dir.FullName;
            }
        }
        throw new NodeInteropException($"no Mesa.Orleans.sln above {AppContext.BaseDirectory}");
    }
}
