using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mesa.Processing.Geodesy;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Flatten;

/// <summary>
/// output/area_stats.json (spec section 7): geodesic km^2 of the basic mosaic's tbl_flat cells
/// per <c>sensitivity_code_max</c>, A..E. As in MESA, a geometry counts once however many codes
/// carry it, and a missing or empty basic mosaic gives zeros with a message.
/// </summary>
public sealed class AreaStatistics(string basicGroupName)
{
    private static readonly string[] Labels = ["A", "B", "C", "D", "E"];
    // Indented and with non-ASCII kept as is, as MESA's json.dump(..., ensure_ascii=False, indent=2) writes it.
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly double[] _km2 = new double[Labels.Length];
    private readonly HashSet<UInt128> _seen = [];
    private long _cells;

    /// <summary>True for tbl_flat rows of the basic mosaic (group names compare case-insensitively, as MESA does).</summary>
    public bool Counts(string nameGisGeocodeGroup) => string.Equals(nameGisGeocodeGroup, basicGroupName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds one tbl_flat row of the basic mosaic; codes other than A..E are not counted.</summary>
    public void Add(string? sensitivityCodeMax, Geometry cell, byte[] wkb)
    {
        _cells++;
        var letter = Array.IndexOf(Labels, sensitivityCodeMax?.ToUpperInvariant());
        if (letter < 0 || !_seen.Add(Fingerprint(wkb))) return;
        _km2[letter] += GeodesicArea.AreaKm2(cell);
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Written field by field: the native CLI has no reflection-based serialisation.
        using var file = File.Create(path);
        using var json = new Utf8JsonWriter(file, Indented);
        json.WriteStartObject();
        json.WriteStartArray("labels");
        foreach (var label in Labels) json.WriteStringValue(label);
        json.WriteEndArray();
        json.WriteStartArray("values");
        foreach (var km2 in _km2) json.WriteNumberValue(km2);
        json.WriteEndArray();
        if (_cells == 0) json.WriteString("message", $"No tbl_flat cells in the basic mosaic group '{basicGroupName}'.");
        json.WriteEndObject();
    }

    // 128 bits of SHA-256 tell geometries apart without keeping every WKB in memory.
    private static UInt128 Fingerprint(byte[] wkb)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(wkb, hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }
}
