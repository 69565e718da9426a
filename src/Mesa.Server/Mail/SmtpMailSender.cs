using System.Net.Security;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mesa.Server.Configuration;
using MimeKit;
using Polly;

namespace Mesa.Server.Mail;

/// <summary>
/// MailKit to <c>Mesa:Smtp:Host</c>. One connection, opened on demand, authenticated when a user name is set, reused by
/// the mails that follow within <see cref="SmtpOptions.IdleSeconds"/> and used by one send at a time. Transient failures
/// are retried on a fresh connection (see <see cref="SmtpRetries"/>).
/// </summary>
public sealed class SmtpMailSender : IMailSender, IAsyncDisposable
{
    private readonly SmtpOptions _smtp;
    private readonly string _host;
    private readonly ILogger<SmtpMailSender> _logger;
    private readonly RemoteCertificateValidationCallback? _certificateValidation;
    private readonly ResiliencePipeline _retries;
    private readonly SemaphoreSlim _connectionInUse = new(1, 1);
    private readonly ITimer _idleClose;
    private SmtpClient? _client;

    /// <param name="certificateValidation">Only for tests that trust their own certificate; null keeps the system's validation.</param>
    public SmtpMailSender(SmtpOptions smtp, ILogger<SmtpMailSender> logger, RemoteCertificateValidationCallback? certificateValidation = null)
    {
        _smtp = smtp;
        _host = string.IsNullOrWhiteSpace(smtp.Host) ? throw new ArgumentException("No SMTP host: use the pickup folder instead.", nameof(smtp)) : smtp.Host;
        _logger = logger;
        _certificateValidation = certificateValidation;
        _retries = SmtpRetries.Create(smtp, logger);
        // The real clock even where tests replace the server's: backoff and idle time are about the network.
        _idleClose = TimeProvider.System.CreateTimer(_ => _ = CloseIdleAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellation)
    {
        using var message = PlainTextMail.Create(_smtp.From, to, subject, body);
        try
        {
            await _retries.ExecuteAsync(attempt => SendOnceAsync(message, attempt), cancellation);
        }
        catch (Exception e) when (SmtpFailures.IsDeliveryFailure(e))
        {
            throw new MailNotSentException($"Could not send the mail '{subject}' through {_host}:{_smtp.Port}: {e.Message}", e);
        }
        _logger.LogInformation("Sent the mail '{Subject}' through {SmtpHost}:{SmtpPort}", subject, _host, _smtp.Port);
    }

    private async ValueTask SendOnceAsync(MimeMessage message, CancellationToken cancellation)
    {
        await _connectionInUse.WaitAsync(cancellation);
        try
        {
            var client = await ConnectedClientAsync(cancellation);
            await client.SendAsync(message, cancellation);
            _idleClose.Change(TimeSpan.FromSeconds(_smtp.IdleSeconds), Timeout.InfiniteTimeSpan);
        }
        catch
        {
            // After a failure the connection's state is unknown: the next attempt starts on a new one.
            _client?.Dispose();
            _client = null;
            throw;
        }
        finally
        {
            _connectionInUse.Release();
        }
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken cancellation)
    {
        if (_client is { IsConnected: true }) return _client;
        _client?.Dispose();
        _client = new SmtpClient();
        if (_certificateValidation is not null) _client.ServerCertificateValidationCallback = _certificateValidation;
        await _client.ConnectAsync(_host, _smtp.Port, SocketOptions(_smtp.Security), cancellation);
        if (!string.IsNullOrEmpty(_smtp.UserName)) await _client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? "", cancellation);
        return _client;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown Mesa:Smtp:Security."),
    };

    // A send in progress re-arms the timer when it ends, so a busy connection is left alone.
    private async Task CloseIdleAsync()
    {
        if (!await _connectionInUse.WaitAsync(TimeSpan.Zero)) return;
        try
        {
            await CloseAsync();
        }
        finally
        {
            _connectionInUse.Release();
        }
    }

    private async Task CloseAsync()
    {
        if (_client is null) return;
        try
        {
            using var quitLimit = new CancellationTokenSource(TimeSpan.FromSeconds(_smtp.TimeoutSeconds));
            if (_client.IsConnected) await _client.DisconnectAsync(quit: true, quitLimit.Token);
        }
        catch (Exception e) when (SmtpFailures.IsDeliveryFailure(e) || e is OperationCanceledException)
        {
            _logger.LogDebug("Closing the idle SMTP connection failed ({Problem}); it is dropped", e.Message);
        }
        _client.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _idleClose.DisposeAsync();
        await _connectionInUse.WaitAsync();
        await CloseAsync();
        _connectionInUse.Dispose();
    }
}
