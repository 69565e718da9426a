using System.Diagnostics;
using System.Net.Http.Headers;

namespace Mesa.Cli.Bench;

/// <summary>Closed-loop load on <c>GET /jobs/{id}</c>: each client sends its next request as soon as the last one answered.</summary>
internal static class StatusLoad
{
    public sealed record Result(long Requests, long Errors, double Seconds, double P50Ms, double P99Ms);

    public static async Task<Result> RunAsync(HttpClient http, string accessToken, string jobId, int clients, TimeSpan duration, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => ClientAsync(http, accessToken, jobId, clock, duration, cancellation), cancellation)));
        var seconds = clock.Elapsed.TotalSeconds;
        var latencies = perClient.SelectMany(c => c.Latencies).Order().ToArray();
        var errors = perClient.Sum(c => c.Errors);
        return new Result(latencies.Length + errors, errors, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<(List<double> Latencies, long Errors)> ClientAsync(
        HttpClient http, string accessToken, string jobId, Stopwatch clock, TimeSpan duration, CancellationToken cancellation)
    {
        var latencies = new List<double>();
        long errors = 0;
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"jobs/{jobId}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
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
