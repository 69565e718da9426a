using System.Globalization;
using System.Text.Json;

namespace Mesa.Cli.Client;

/// <summary>Times and durations as people read them: <c>2026-12-05 19:20:31 +00:00</c> in this machine's time zone, "about 4 min".</summary>
internal static class ReadableTime
{
    private static string Of(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>A time from a server reply; "" where the reply has none (null or absent).</summary>
    public static string Of(JsonElement reply, string property) =>
        reply.TryGetProperty(property, out var time) && time.ValueKind == JsonValueKind.String ? Of(time.GetDateTimeOffset()) : "";

    /// <summary>How long until <paramref name="time"/>: "under a minute", "about 4 min", "about 2 h 10 min".</summary>
    public static string Until(DateTimeOffset time, DateTimeOffset now)
    {
        var minutes = (int)Math.Round((time - now).TotalMinutes);
        return minutes switch
        {
            < 1 => "under a minute",
            < 60 => $"about {minutes} min",
            _ when minutes % 60 == 0 => $"about {minutes / 60} h",
            _ => $"about {minutes / 60} h {minutes % 60} min",
        };
    }
}
