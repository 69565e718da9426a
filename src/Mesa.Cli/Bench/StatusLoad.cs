using System.Diagnostics;

namespace Mesa.Cli.Bench;

/// <summary>
/// Closed-loop HTTP load: each client sends its next request as soon as the last one answered. Clients are spread
/// round-robin over the target servers (one for a single node, every node for a cluster).
/// </summary>
internal static class StatusLoad
{
    public sealed record Result(int Clients, long Requests, long Errors, double Seconds, double P50Ms, double P99Ms)
    {
        public Dictionary<string, object> ToJson() => new()
        {
            ["clients"] = Clients,
            ["seconds"] = Math.Round(Seconds, 3),
            ["requests"] = Requests,
            ["errors"] = Errors,
            ["requests_per_second"] = Math.Round((Requests - Errors) / Seconds, 1),
            ["p50_ms"] = Math.Round(P50Ms, 3),
            ["p99_ms"] = Math.Round(P99Ms, 3),
        };
    }

    /// <param name="newRequest">Builds one request (relative URI, headers, body); a success status counts, anything else is an error.</param>
    public static async Task<Result> RunAsync(IReadOnlyList<HttpClient> targets, Func<HttpRequestMessage> newRequest, int clients, TimeSpan duration,
        CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(i =>
            Task.Run(() => ClientAsync(targets[i % targets.Count], newRequest, clock, duration, cancellation), cancellation)));
        var seconds = clock.Elapsed.TotalSeconds;
        var latencies = perClient.SelectMany(c => c.Latencies).Order().ToArray();
        var errors = perClient.Sum(c => c.Errors);
        return new Result(clients, latencies.Length + errors, errors, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<(List<double> Latencies, long Errors)> ClientAsync(
        HttpClient http, Func<HttpRequestMessage> newRequest, Stopwatch clock, TimeSpan duration, CancellationToken cancellation)
    {
        var latencies = new List<double>();
        long errors = 0;
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = newRequest();
                using var response = await http.SendAsync(request, cancellation);
                // The body is part of the answer: read it, as a polling client would.
                await response.Content.ReadAsByteArrayAsync(cancellation);
                if (response.IsSuccessStatusCode) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else errors++;
            }
            catch (HttpRequestException)
            {
                errors++;
            }
        }
        return (latencies, errors);
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
