using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mesa.Cli.Client;

/// <summary>
/// HTTP calls to a mesa-server; any non-success reply becomes a <see cref="ClientException"/> carrying the problem's
/// detail. With a session, calls carry its access token, and a refused token is renewed once and the call repeated.
/// </summary>
internal sealed class ServerClient(string server, ClientSession? session = null) : IDisposable
{
    private readonly HttpClient _http = new(ServerTrust.Handler()) { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(30) };

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellation, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, path, body, cancellation, headers);

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellation) => SendAsync(HttpMethod.Get, path, null, cancellation);

    /// <summary>A signed URL: no access token goes with it.</summary>
    public async Task<JsonElement> PutFileAsync(string url, string file, CancellationToken cancellation)
    {
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var response = await _http.PutAsync(url, content, cancellation);
        return await ReadAsync(response, cancellation);
    }

    /// <summary>A signed URL, streamed to <paramref name="file"/>; <paramref name="received"/> hears the bytes written so far.</summary>
    /// <returns>The number of bytes written.</returns>
    public async Task<long> DownloadAsync(string url, string file, Action<long> received, CancellationToken cancellation)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellation);
        if (!response.IsSuccessStatusCode) await ReadAsync(response, cancellation);
        await using var source = await response.Content.ReadAsStreamAsync(cancellation);
        await using var target = File.Create(file);
        var buffer = new byte[81920];
        var total = 0L;
        for (int read; (read = await source.ReadAsync(buffer, cancellation)) > 0;)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), cancellation);
            total += read;
            received(total);
        }
        return total;
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellation, IDictionary<string, string>? headers = null)
    {
        for (var renew = false; ; renew = true)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = body is null ? null : JsonContent.Create(body) };
            if (session is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await session.AccessTokenAsync(renew, cancellation));
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.Add(name, value);
            using var response = await _http.SendAsync(request, cancellation);
            // A token refused before its expiry (its signing key revoked, say) is renewed once.
            if (response.StatusCode == HttpStatusCode.Unauthorized && session is not null && !renew) continue;
            return await ReadAsync(response, cancellation);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        var text = await response.Content.ReadAsStringAsync(cancellation);
        JsonElement json = default;
        if (text.Length > 0)
        {
            try
            {
                json = JsonSerializer.Deserialize<JsonElement>(text);
            }
            catch (JsonException)
            {
                if (response.IsSuccessStatusCode) throw new ClientException($"the server replied with something that is not JSON ({(int)response.StatusCode}).");
            }
        }
        if (response.IsSuccessStatusCode) return json;
        var detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) ? d.GetString() : response.ReasonPhrase;
        throw new ClientException($"{(int)response.StatusCode}: {detail}");
    }

    public void Dispose() => _http.Dispose();
}
