using System.Globalization;

namespace Mesa.Processing.Import;

/// <summary>
/// The <c>attributes</c> text of an asset object: the feature's non-geometry columns (primary key excluded)
/// as a compact JSON object in column order, e.g. <c>{"class":"Coral reef","depth":12.5}</c>.
/// JSON because it is unambiguous whatever the values contain. Blobs are written as lowercase hex.
/// </summary>
public static class AttributeText
{
    public static string Of(IReadOnlyList<KeyValuePair<string, object?>> attributes) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        foreach (var (name, value) in attributes)
        {
            json.WritePropertyName(name);
            switch (value)
            {
                case null: json.WriteNullValue(); break;
                case long l: json.WriteNumberValue(l); break;
                case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                case double d: json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
                case byte[] bytes: json.WriteStringValue(Convert.ToHexStringLower(bytes)); break;
                default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }
        json.WriteEndObject();
    });
}
