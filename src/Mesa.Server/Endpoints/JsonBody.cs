using System.Text.Json;

namespace Mesa.Server.Endpoints;

/// <summary>Reads a JSON request body, turning unreadable JSON into a problem that says so rather than a bare 400.</summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, bool optional = false) where T : class
    {
        if (optional && request.ContentLength is 0 or null && !request.Headers.ContainsKey("Transfer-Encoding")) return (null, null);
        if (!request.HasJsonContentType())
            return (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        try
        {
            var value = await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted);
            return value is null ? (null, Problems.Create(StatusCodes.Status400BadRequest, "The request is invalid", "The JSON body is empty (null).")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Create(StatusCodes.Status400BadRequest, "The request is invalid", $"The JSON body cannot be read: {e.Message}"));
        }
    }
}
