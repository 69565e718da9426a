using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// A real <c>mesa-server</c> process (the built dll under <c>dotnet</c>) on a free loopback port, configured through
/// environment variables as an operator would; its output goes to a log file for the failure message.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NodeProcess(string name, Process process, string url, string logFile)
    {
        Name = name;
        _process = process;
        Url = url;
        LogFile = logFile;
        Http = new HttpClient { BaseAddress = new Uri(url) };
    }

    public string Name { get; }
    public string Url { get; }
    public string LogFile { get; }
    public HttpClient Http { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the node and waits until <c>/health/ready</c> answers (60 s at most).</summary>
    public static async Task<NodeProcess> StartAsync(string name, string logFolder, IDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var logFile = Path.Combine(logFolder, $"{name}.log");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mesa-server.dll"));
        start.Environment["Urls"] = url;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start)!;
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new NodeProcess(name, process, url, logFile);
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"Node {name} exited at start:\n{node.LogTail()}");
            try
            {
                if ((await node.Http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return node;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        await node.DisposeAsync();
        throw new TimeoutException($"Node {name} did not become ready:\n{node.LogTail()}");
    }

    /// <summary>kill -9: no shutdown hooks, sessions and leases are left as a crash leaves them.</summary>
    public void Crash()
    {
        Process.Start("kill", ["-9", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        _process.WaitForExit();
    }

    public string LogTail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return string.Join('\n', new StreamReader(stream).ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(log unreadable: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
