using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// A real <c>mesa-server</c> process (the built dll under <c>dotnet</c>) on a loopback port of its own choosing (read
/// back from its start-up line, so no port can be taken between choosing and binding), configured through
/// environment variables as an operator would; its output goes to a log file for the failure message.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private NodeProcess(string name, Process process, StreamWriter log, string logFile)
    {
        Name = name;
        _process = process;
        _log = log;
        LogFile = logFile;
    }

    public string Name { get; }
    public string Url { get; private set; } = "";
    public string LogFile { get; }
    public HttpClient Http { get; private set; } = new();
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the node and waits until <c>/health/ready</c> answers (60 s at most).</summary>
    /// <param name="settings">May set <c>Urls</c> (and Kestrel's certificate) to serve HTTPS instead of HTTP.</param>
    /// <param name="handler">The test's HTTP handler for the node, e.g. one trusting the node's HTTPS certificate.</param>
    public static async Task<NodeProcess> StartAsync(string name, string logFolder, IDictionary<string, string> settings, Func<HttpMessageHandler>? handler = null)
    {
        var logFile = Path.Combine(logFolder, $"{name}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mesa-server.dll"));
        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start)!;
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.WriteLine(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match) listening.TrySetResult(match.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(name, process, log, logFile);
        for (var i = 0; i < 600; i++)
        {
            if (listening.Task.IsCompleted && node.Url.Length == 0)
            {
                node.Url = listening.Task.Result;
                node.Http.Dispose();
                node.Http = new HttpClient(handler?.Invoke() ?? new HttpClientHandler()) { BaseAddress = new Uri(node.Url) };
            }
            if (process.HasExited)
            {
                // Waiting again drains the redirected output into the log.
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"Node {name} exited at start with status {process.ExitCode}:\n{node.LogTail()}");
            }
            if (node.Url.Length > 0 && (await node.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return node;
            await Task.Delay(100);
        }
        await node.DisposeAsync();
        throw new TimeoutException($"Node {name} did not become ready:\n{node.LogTail()}");
    }

    /// <summary>kill -9: no shutdown hooks, sessions and leases are left as a crash leaves them.</summary>
    public void Crash()
    {
        Signal("-9");
        _process.WaitForExit();
    }

    /// <summary>SIGSTOP: the process keeps its port (connections are still accepted by the kernel) but answers nothing until <see cref="Resume"/>.</summary>
    public void Pause() => Signal("-STOP");

    public void Resume() => Signal("-CONT");

    /// <summary>The node's output so far.</summary>
    public string Log()
    {
        lock (_log)
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
    }

    public string LogTail(int lines = 40)
    {
        try
        {
            return string.Join('\n', Log().Split('\n').TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    /// <summary>A test failure that carries the end of every node's log, since the cause is usually in a node.</summary>
    public static Xunit.Sdk.XunitException FailureWithLogs(Exception e, IEnumerable<NodeProcess> nodes, int lines = 40) =>
        new($"{e.Message}\n{string.Join("\n", nodes.Select(n => $"--- node {n.Name} ---\n{n.LogTail(lines)}"))}\n{e}");

    private void Signal(string signal) =>
        Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    [GeneratedRegex(@"listening on (https?://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
