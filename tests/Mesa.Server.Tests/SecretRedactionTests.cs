using Mesa.Server.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Mesa.Server.Tests;

/// <summary>The log's last line of defence rewrites URL signatures, bearer credentials and JWTs in logged values.</summary>
public sealed class SecretRedactionTests
{
    private const string Jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLXBhcnQ";

    [Theory]
    [InlineData("https://mesa.example.org/downloads/ab12/outputs-only.zip?expires=1764000000&sig=Zm9vYmFy", "https://mesa.example.org/downloads/ab12/outputs-only.zip?expires=[redacted]&sig=[redacted]")]
    [InlineData("Authorization: Bearer " + Jwt, "Authorization: Bearer [redacted]")]
    [InlineData("token " + Jwt + " refused", "token [redacted] refused")]
    [InlineData("/uploads/ab12", "/uploads/ab12")]
    public void Secrets_in_text_are_replaced(string text, string expected) => Assert.Equal(expected, SecretRedaction.Redact(text));

    [Fact]
    public void Logged_values_are_redacted_before_any_sink()
    {
        var template = new MessageTemplateParser().Parse("Fetched {Url} for {User}");
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, template,
            [new LogEventProperty("Url", new ScalarValue("/uploads/ab12?expires=1&sig=c2VjcmV0")), new LogEventProperty("User", new ScalarValue("u1"))]);

        new SecretRedaction().Enrich(logEvent, null!);

        Assert.Equal("Fetched \"/uploads/ab12?expires=[redacted]&sig=[redacted]\" for \"u1\"", logEvent.RenderMessage());
    }
}
