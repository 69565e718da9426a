using System.Globalization;

namespace Mesa.PostGis;

/// <summary>
/// The schema one run stages and computes in. The name is generated, never taken from input, so it
/// is safe to quote into SQL text (identifiers cannot be bound parameters).
/// </summary>
public sealed record RunSchema
{
    private RunSchema(string name) => Name = name;

    /// <summary>The bare name, e.g. <c>mesa_run_3f2a...</c>.</summary>
    public string Name { get; }

    /// <summary>The name as a quoted SQL identifier.</summary>
    public string Quoted => $"\"{Name}\"";

    /// <summary>A name no other run on the same database uses.</summary>
    public static RunSchema CreateUnique() =>
        new(string.Create(CultureInfo.InvariantCulture, $"mesa_run_{Guid.NewGuid():N}"));
}
