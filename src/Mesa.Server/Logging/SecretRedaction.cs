using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Mesa.Server.Logging;

/// <summary>
/// A last line of defence: string properties that carry a URL signature, a bearer credential or a JWT are rewritten
/// before any sink sees them. The code logs none of these on purpose; this catches what a library or a mistake would.
/// </summary>
public sealed partial class SecretRedaction : ILogEventEnricher
{
    public const string Redacted = "[redacted]";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties)
            if (value is ScalarValue { Value: string text } && Redact(text) is var redacted && !ReferenceEquals(redacted, text))
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(redacted)));
    }

    /// <summary>The text with its secrets replaced; the same instance when it holds none.</summary>
    public static string Redact(string text)
    {
        if (!Suspect().IsMatch(text)) return text;
        return Jwt().Replace(Bearer().Replace(SignedQuery().Replace(text, "$1" + Redacted), "$1 " + Redacted), Redacted);
    }

    [GeneratedRegex(@"sig=|expires=|bearer|eyJ", RegexOptions.IgnoreCase)]
    private static partial Regex Suspect();

    [GeneratedRegex(@"([?&](?:sig|expires)=)[^&\s""']+", RegexOptions.IgnoreCase)]
    private static partial Regex SignedQuery();

    [GeneratedRegex(@"(bearer)\s+[A-Za-z0-9._~+/=-]+", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();
}
