using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mesa.Cli.Bench;
using Mesa.Server.Configuration;
using Mesa.Server.Mail;
using Mesa.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesa.Server.Tests;

/// <summary>MailKit against real SMTP listeners: reuse, retries of transient failures only, authentication, STARTTLS; and the pickup folder.</summary>
public sealed class MailTests
{
    private const string To = "owner@example.org";

    [Fact]
    public async Task Mails_share_one_connection_and_concurrent_sends_take_turns()
    {
        await using var capture = new SmtpCapture();
        await using var sender = Sender(capture);
        await sender.SendAsync(To, "first", "one", CancellationToken.None);
        await sender.SendAsync(To, "second", "two", CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => sender.SendAsync(To, $"parallel {i}", "text", CancellationToken.None)));

        Assert.Equal(8, capture.CountTo(To));
        Assert.Equal(["first", "second"], capture.SubjectsTo(To).Take(2));
        Assert.Equal(1, capture.Connections);
    }

    [Fact]
    public async Task A_server_that_drops_the_first_connection_gets_the_mail_on_a_retry()
    {
        await using var capture = new SmtpCapture(new SmtpCaptureBehaviour { DroppedConnections = 1 });
        await using var sender = Sender(capture);
        await sender.SendAsync(To, "after a drop", "text", CancellationToken.None);

        Assert.Equal(["after a drop"], capture.SubjectsTo(To));
        Assert.Equal(2, capture.Connections);
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried()
    {
        await using var capture = new SmtpCapture(new SmtpCaptureBehaviour { TemporaryRefusals = 2 });
        await using var sender = Sender(capture);
        await sender.SendAsync(To, "after 451", "text", CancellationToken.None);

        Assert.Equal(["after 451"], capture.SubjectsTo(To));
        Assert.Equal(3, capture.RecipientCommands);
    }

    [Fact]
    public async Task A_permanent_refusal_is_not_retried()
    {
        await using var capture = new SmtpCapture(new SmtpCaptureBehaviour { RejectedRecipient = To });
        await using var sender = Sender(capture);
        var failure = await Assert.ThrowsAsync<MailNotSentException>(() => sender.SendAsync(To, "refused", "text", CancellationToken.None));

        Assert.Equal(SmtpStatusCode.MailboxUnavailable, Assert.IsType<SmtpCommandException>(failure.InnerException).StatusCode);
        Assert.Equal(1, capture.RecipientCommands);
        Assert.Equal(1, capture.Connections);
    }

    [Fact]
    public async Task Transient_failures_stop_after_the_configured_attempts()
    {
        await using var capture = new SmtpCapture(new SmtpCaptureBehaviour { DroppedConnections = 10 });
        await using var sender = Sender(capture, smtp => smtp.MaxAttempts = 3);
        await Assert.ThrowsAsync<MailNotSentException>(() => sender.SendAsync(To, "never", "text", CancellationToken.None));

        Assert.Equal(3, capture.Connections);
    }

    [Fact]
    public async Task A_refused_connection_is_reported_as_a_mail_not_sent()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var sender = new SmtpMailSender(new SmtpOptions { Host = "127.0.0.1", Port = port, MaxAttempts = 2, RetryDelaySeconds = 0.01 },
            NullLogger<SmtpMailSender>.Instance);

        var failure = await Assert.ThrowsAsync<MailNotSentException>(() => sender.SendAsync(To, "nobody listens", "text", CancellationToken.None));
        Assert.IsType<SocketException>(failure.InnerException);
    }

    [Fact]
    public async Task Credentials_reach_the_server()
    {
        await using var capture = new SmtpCapture(new SmtpCaptureBehaviour { RequireAuthentication = true });
        await using var sender = Sender(capture, smtp => (smtp.UserName, smtp.Password) = ("mailer", "pässword with spaces"));
        await sender.SendAsync(To, "authenticated", "text", CancellationToken.None);
        await sender.SendAsync(To, "same session", "text", CancellationToken.None);

        Assert.Equal([("mailer", "pässword with spaces")], capture.Credentials);
        Assert.Equal(["authenticated", "same session"], capture.SubjectsTo(To));
    }

    [Fact]
    public async Task Starttls_carries_the_mail_when_the_certificate_is_trusted()
    {
        using var certificate = SelfSignedCertificate();
        await using var capture = new SmtpCapture(new SmtpCaptureBehaviour { Certificate = certificate, RequireAuthentication = true });
        await using var sender = Sender(capture, smtp => (smtp.Security, smtp.UserName, smtp.Password) = (SmtpSecurity.StartTls, "mailer", "secret"),
            (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString());
        await sender.SendAsync(To, "over TLS", "text", CancellationToken.None);

        Assert.Equal([true], capture.TlsTo(To));
        Assert.Equal([("mailer", "secret")], capture.Credentials);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_without_retries()
    {
        using var certificate = SelfSignedCertificate();
        await using var capture = new SmtpCapture(new SmtpCaptureBehaviour { Certificate = certificate });
        await using var sender = Sender(capture, smtp => smtp.Security = SmtpSecurity.StartTls);

        var failure = await Assert.ThrowsAsync<MailNotSentException>(() => sender.SendAsync(To, "untrusted", "text", CancellationToken.None));
        Assert.IsType<SslHandshakeException>(failure.InnerException);
        Assert.Equal(0, capture.CountTo(To));
        Assert.Equal(1, capture.Connections);
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_is_refused()
    {
        await using var capture = new SmtpCapture();
        await using var sender = Sender(capture, smtp => smtp.Security = SmtpSecurity.StartTls);

        await Assert.ThrowsAsync<MailNotSentException>(() => sender.SendAsync(To, "plain", "text", CancellationToken.None));
        Assert.Equal(0, capture.CountTo(To));
    }

    [Fact]
    public async Task Without_a_host_the_token_mail_is_an_eml_file_that_signs_in()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Smtp:Host"] = "" });
        var api = new MesaApi(host);
        var email = MesaApi.NewEmail();
        Assert.Equal(HttpStatusCode.Accepted, (await api.RegisterAsync(email)).StatusCode);

        var token = await MailedToken.ReadAsync(Path.Combine(host.DataFolder, "mail"), email, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PostAsJsonAsync("/auth/verify", new { token })).StatusCode);
        Assert.Equal(0, host.Smtp.CountTo(email));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(host.DataFolder, "mail"), "*.partial"));
    }

    [Fact]
    public async Task A_job_mail_that_cannot_be_sent_is_logged_and_the_job_still_finishes()
    {
        var logFile = Path.Combine(Path.GetTempPath(), $"mesa-mail-{Guid.NewGuid():N}.log");
        var workload = Workloads.WorkedExampleFolder();
        try
        {
            await using var host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:LogFile"] = logFile },
                new SmtpCapture(new SmtpCaptureBehaviour { RejectedSubjectPrefix = "MESA cloud job" }));
            var api = new MesaApi(host);
            var email = MesaApi.NewEmail();
            var access = await api.SignInAsync(email);
            var (jobId, completed) = await api.SubmitAsync(access, Workloads.Zip(workload));
            Assert.Equal(HttpStatusCode.Accepted, completed.StatusCode);

            var job = await api.WaitForAsync(access, jobId, "finished", "failed", "cancelled");
            Assert.Equal("finished", job.GetProperty("state").GetString());
            Assert.Equal(["Your MESA cloud token"], host.Smtp.SubjectsTo(email));
            await host.DisposeAsync();
            var unsent = (await File.ReadAllLinesAsync(logFile)).Select(line => JsonDocument.Parse(line).RootElement)
                .Where(e => e.GetProperty("@m").GetString()!.StartsWith("Could not mail the owner of job", StringComparison.Ordinal)
                    && e.GetProperty("JobId").GetString() == jobId)
                .Select(e => e.GetProperty("What").GetString());
            Assert.Equal(["accepted", "finished"], unsent);
        }
        finally
        {
            File.Delete(logFile);
            Directory.Delete(workload, recursive: true);
        }
    }

    private static SmtpMailSender Sender(SmtpCapture capture, Action<SmtpOptions>? configure = null,
        System.Net.Security.RemoteCertificateValidationCallback? certificateValidation = null)
    {
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = capture.Port, Security = SmtpSecurity.None, MaxAttempts = 4, RetryDelaySeconds = 0.01 };
        configure?.Invoke(smtp);
        return new SmtpMailSender(smtp, NullLogger<SmtpMailSender>.Instance, certificateValidation);
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var subjectNames = new SubjectAlternativeNameBuilder();
        subjectNames.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(subjectNames.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so SslStream gets a certificate with a usable private key on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
