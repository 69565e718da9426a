using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Mesa.Cli.Bench;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// A minimal real SMTP server on a free loopback port that keeps every message it receives, so tests
/// read the token out of the mail the server actually sent.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string To, string Data)> _messages = new();
    private readonly Task _accepting;

    public SmtpCapture()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int CountTo(string address) => _messages.Count(m => m.To.Equals(address, StringComparison.OrdinalIgnoreCase));

    /// <summary>The subjects of the mails to <paramref name="address"/> so far, oldest first.</summary>
    public IReadOnlyList<string> SubjectsTo(string address) => _messages
        .Where(m => m.To.Equals(address, StringComparison.OrdinalIgnoreCase))
        .Select(m => m.Data.Split('\n').FirstOrDefault(l => l.StartsWith("Subject: ", StringComparison.Ordinal))?["Subject: ".Length..].TrimEnd() ?? "")
        .ToList();

    /// <summary>The mails to <paramref name="address"/> so far (headers and decoded body), oldest first.</summary>
    public IReadOnlyList<string> BodiesTo(string address) => _messages
        .Where(m => m.To.Equals(address, StringComparison.OrdinalIgnoreCase))
        .Select(m => MailedToken.DecodeQuotedPrintable(m.Data))
        .ToList();

    /// <summary>The subjects once at least <paramref name="count"/> mails reached <paramref name="address"/> (10 s at most).</summary>
    public async Task<IReadOnlyList<string>> WaitForSubjectsAsync(string address, int count)
    {
        for (var i = 0; i < 200 && SubjectsTo(address).Count < count; i++) await Task.Delay(50);
        return SubjectsTo(address);
    }

    /// <summary>The token in the latest mail to <paramref name="address"/>, waiting up to 10 s for it.</summary>
    public async Task<string> TokenForAsync(string address, int after = 0)
    {
        for (var i = 0; i < 200; i++)
        {
            var mails = _messages.Where(m => m.To.Equals(address, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mails.Count > after)
                return MailedToken.TokenIn(MailedToken.DecodeQuotedPrintable(mails[^1].Data))
                    ?? throw new InvalidOperationException($"No token in the mail:\n{mails[^1].Data}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"No mail to {address} arrived.");
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 capture ESMTP");
            var recipients = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (command)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 capture");
                        break;
                    case "RCPT":
                        recipients.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go ahead");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".") data.Append(dataLine).Append('\n');
                        foreach (var to in recipients) _messages.Enqueue((to, data.ToString()));
                        recipients.Clear();
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
