namespace Mesa.PostGis;

/// <summary>
/// The stage SQL of sql/processing/, embedded in this assembly. Files name their run's schema as
/// <c>{schema}</c>; that placeholder is the only text substituted, everything else is bound.
/// </summary>
internal static class ProcessingSql
{
    private const string Placeholder = "{schema}";

    /// <summary>The text of <c>sql/processing/{name}.sql</c> with the schema filled in.</summary>
    public static string For(string name, RunSchema schema)
    {
        var resource = $"sql.processing.{name}.sql";
        using var stream = typeof(ProcessingSql).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The SQL resource '{resource}' is not embedded in {typeof(ProcessingSql).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace(Placeholder, schema.Quoted, StringComparison.Ordinal);
    }
}
