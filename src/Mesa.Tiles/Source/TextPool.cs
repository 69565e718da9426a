namespace Mesa.Tiles.Source;

/// <summary>One shared instance per distinct text: band codes and signatures repeat across millions of cells.</summary>
internal sealed class TextPool
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public string? Share(string? text)
    {
        if (text is null) return null;
        if (_texts.TryGetValue(text, out var shared)) return shared;
        _texts.Add(text, text);
        return text;
    }
}
