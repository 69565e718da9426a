using System.Text;
using System.Text.Json;

namespace Mesa.Processing.Import;

/// <summary>Compact JSON text written by hand with <see cref="Utf8JsonWriter"/>: no reflection, nothing to set up.</summary>
public static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
