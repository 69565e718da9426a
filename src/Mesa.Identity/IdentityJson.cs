using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesa.Identity;

/// <summary>
/// How certificates and profiles are read and written: snake_case, every property required, unknown
/// properties refused, so a field added to a signed file cannot slip past the signature unnoticed.
/// </summary>
public static class IdentityJson
{
    public static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static readonly JsonSerializerOptions Indented = new(Strict) { WriteIndented = true };

    /// <exception cref="IdentityException">The text is not JSON of the expected shape.</exception>
    public static T Read<T>(string json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Strict) ?? throw new IdentityException($"{what} is empty (null).");
        }
        catch (JsonException e)
        {
            throw new IdentityException($"{what} is malformed: {e.Message}");
        }
    }
}
