namespace Mesa.Server.Endpoints;

/// <summary>Reads a secret a client presents: <c>Authorization: Bearer ...</c> or one field of the JSON body, never the URL.</summary>
public static class SecretInput
{
    public static async Task<(string? Secret, IResult? Problem)> ReadAsync<TBody>(HttpRequest request, string field, Func<TBody, string?> select)
        where TBody : class
    {
        var secret = Security.BearerToken.From(request);
        if (secret is null)
        {
            var (body, problem) = await JsonBody.ReadAsync<TBody>(request);
            if (problem is not null) return (null, problem);
            secret = select(body!)?.Trim();
        }
        return string.IsNullOrEmpty(secret)
            ? (null, Problems.Field(field, "is required (in the JSON body or as 'Authorization: Bearer <token>')."))
            : (secret, null);
    }
}
