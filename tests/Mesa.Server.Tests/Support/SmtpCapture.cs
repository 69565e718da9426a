using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Mesa.Cli.Bench;

namespace Mesa.Server.Tests.Support;

/// <summary>
/// A minimal real SMTP server on a free loopback port that keeps every message it receives, so tests
/// read the token out of the mail the server actually sent. <see cref="SmtpCaptureBehaviour"/> adds dropped
/// connections, refusals, authentication and STARTTLS.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string To, string Data, bool OverTls)> _messages = new();
    private readonly ConcurrentQueue<(string UserName, string Password)> _credentials = new();
    private readonly SmtpCaptureBehaviour _behaviour;
    private readonly Task _accepting;
    private int _connections;
    private int _recipientCommands;

    public SmtpCapture(SmtpCaptureBehaviour? behaviour = null)
    {
        _behaviour = behaviour ?? new SmtpCaptureBehaviour();
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far, dropped ones included.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>RCPT commands received so far, refused ones included.</summary>
    public int RecipientCommands => Volatile.Read(ref _recipientCommands);

    /// <summary>The user names and passwords that sessions authenticated with.</summary>
    public IReadOnlyList<(string UserName, string Password)> Credentials => _credentials.ToList();

    /// <summary>Whether each mail to <paramref name="address"/> arrived over TLS, oldest first.</summary>
    public IReadOnlyList<bool> TlsTo(string address) => _messages.Where(m => m.To.Equals(address, StringComparison.OrdinalIgnoreCase)).Select(m => m.OverTls).ToList();

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
            if (Interlocked.Increment(ref _connections) <= _behaviour.DroppedConnections) client.Dispose();
            else _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var session = new Session(client.GetStream());
            try
            {
                await ConverseAsync(session);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
            {
                // The client went away mid-session, or refused our certificate.
            }
            finally
            {
                await session.DisposeAsync();
            }
        }
    }

    private async Task ConverseAsync(Session session)
    {
        await session.ReplyAsync("220 capture ESMTP");
        var recipients = new List<string>();
        var authenticated = false;
        while (await session.ReadLineAsync() is { } line)
        {
            var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            switch (command)
            {
                case "EHLO" or "HELO":
                    var extensions = new List<string> { "capture" };
                    if (_behaviour.RequireAuthentication) extensions.Add("AUTH PLAIN LOGIN");
                    if (_behaviour.Certificate is not null && !session.OverTls) extensions.Add("STARTTLS");
                    for (var i = 0; i < extensions.Count; i++) await session.ReplyAsync($"250{(i < extensions.Count - 1 ? '-' : ' ')}{extensions[i]}");
                    break;
                case "STAR" when _behaviour.Certificate is not null:
                    await session.ReplyAsync("220 ready to start TLS");
                    await session.StartTlsAsync(_behaviour.Certificate);
                    authenticated = false;
                    break;
                case "AUTH" when _behaviour.RequireAuthentication:
                    authenticated = await AuthenticateAsync(session, line);
                    await session.ReplyAsync(authenticated ? "235 2.7.0 authenticated" : "535 5.7.8 bad credentials");
                    break;
                case "MAIL" when _behaviour.RequireAuthentication && !authenticated:
                    await session.ReplyAsync("530 5.7.0 authentication required");
                    break;
                case "RCPT":
                    var to = line[(line.IndexOf('<') + 1)..line.IndexOf('>')];
                    if (Interlocked.Increment(ref _recipientCommands) <= _behaviour.TemporaryRefusals)
                        await session.ReplyAsync("451 4.3.0 try again later");
                    else if (to.Equals(_behaviour.RejectedRecipient, StringComparison.OrdinalIgnoreCase))
                        await session.ReplyAsync("550 5.1.1 no such user");
                    else
                    {
                        recipients.Add(to);
                        await session.ReplyAsync("250 OK");
                    }
                    break;
                case "DATA":
                    await session.ReplyAsync("354 go ahead");
                    var data = new StringBuilder();
                    while (await session.ReadLineAsync() is { } dataLine && dataLine != ".") data.Append(dataLine).Append('\n');
                    var refused = _behaviour.RejectedSubjectPrefix is { } prefix && data.ToString().Contains($"\nSubject: {prefix}", StringComparison.Ordinal);
                    if (!refused)
                        foreach (var recipient in recipients) _messages.Enqueue((recipient, data.ToString(), session.OverTls));
                    recipients.Clear();
                    await session.ReplyAsync(refused ? "554 5.7.1 refused by content" : "250 queued");
                    break;
                case "RSET":
                    recipients.Clear();
                    await session.ReplyAsync("250 OK");
                    break;
                case "QUIT":
                    await session.ReplyAsync("221 bye");
                    return;
                default:
                    await session.ReplyAsync("250 OK");
                    break;
            }
        }
    }

    /// <summary>AUTH PLAIN (initial response or not) and AUTH LOGIN; records what arrived.</summary>
    private async Task<bool> AuthenticateAsync(Session session, string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string userName, password;
        if (words[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var response = words.Length > 2 ? words[2] : await session.ChallengeAsync("");
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            (userName, password) = (parts[1], parts[2]);
        }
        else
        {
            userName = Encoding.UTF8.GetString(Convert.FromBase64String(await session.ChallengeAsync("VXNlcm5hbWU6")));
            password = Encoding.UTF8.GetString(Convert.FromBase64String(await session.ChallengeAsync("UGFzc3dvcmQ6")));
        }
        _credentials.Enqueue((userName, password));
        return true;
    }

    /// <summary>One connection's reader and writer, swapped for TLS ones after STARTTLS.</summary>
    private sealed class Session(Stream stream) : IAsyncDisposable
    {
        private Stream _stream = stream;
        private StreamReader _reader = new(stream, Encoding.ASCII);
        private StreamWriter _writer = new(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };

        public bool OverTls => _stream is SslStream;

        public Task<string?> ReadLineAsync() => _reader.ReadLineAsync();

        public Task ReplyAsync(string line) => _writer.WriteLineAsync(line);

        public async Task<string> ChallengeAsync(string challenge)
        {
            await ReplyAsync($"334 {challenge}");
            return await ReadLineAsync() ?? throw new IOException("The client left during authentication.");
        }

        public async Task StartTlsAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
        {
            var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
            await tls.AuthenticateAsServerAsync(certificate);
            _stream = tls;
            _reader = new StreamReader(tls, Encoding.ASCII);
            _writer = new StreamWriter(tls, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        }

        public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
