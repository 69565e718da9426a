using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesa.GeoParquet.Geo;

/// <summary>
/// The GeoParquet 1.1 "geo" footer entry: which column is the primary geometry and, per
/// geometry column, its encoding, geometry types, bounding box and CRS.
/// </summary>
public sealed record GeoMetadata(string Version, string PrimaryColumn, IReadOnlyDictionary<string, GeoColumnMetadata> Columns)
{
    public const string Key = "geo";

    public GeoColumnMetadata Primary => Columns[PrimaryColumn];

    // PROJJSON of EPSG:4326, written so that readers which compare CRS by identifier see 4326.
    private const string Wgs84ProjJson = """
        {"$schema":"https://proj.org/schemas/v0.7/projjson.schema.json","type":"GeographicCRS","name":"WGS 84","datum":{"type":"GeodeticReferenceFrame","name":"World Geodetic System 1984","ellipsoid":{"name":"WGS 84","semi_major_axis":6378137,"inverse_flattening":298.257223563}},"coordinate_system":{"subtype":"ellipsoidal","axis":[{"name":"Geodetic latitude","abbreviation":"Lat","direction":"north","unit":"degree"},{"name":"Geodetic longitude","abbreviation":"Lon","direction":"east","unit":"degree"}]},"id":{"authority":"EPSG","code":4326}}
        """;

    /// <summary>Parses the "geo" value; <paramref name="fileName"/> prefixes error messages.</summary>
    public static GeoMetadata Parse(string json, string fileName)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ParquetFormatException($"{fileName}: the 'geo' metadata is not valid JSON: {e.Message}", e);
        }
        if (root is not JsonObject obj || obj["columns"] is not JsonObject columns)
            throw new ParquetFormatException($"{fileName}: the 'geo' metadata has no 'columns' object.");
        var primary = Text(obj, "primary_column") ?? throw new ParquetFormatException($"{fileName}: the 'geo' metadata has no 'primary_column'.");
        var parsed = new Dictionary<string, GeoColumnMetadata>(StringComparer.Ordinal);
        foreach (var (name, node) in columns)
        {
            if (node is not JsonObject column) throw new ParquetFormatException($"{fileName}: 'geo' entry for column '{name}' is not an object.");
            parsed[name] = ParseColumn(name, column, fileName);
        }
        if (!parsed.ContainsKey(primary))
            throw new ParquetFormatException($"{fileName}: the 'geo' primary column '{primary}' is not described under 'columns'.");
        return new GeoMetadata(Text(obj, "version") ?? "", primary, parsed);
    }

    /// <summary>Serialises the metadata of a WKB geometry column in EPSG:4326.</summary>
    public static string ForWgs84Column(string column, IEnumerable<string> geometryTypes, double[]? bbox)
    {
        var entry = new JsonObject
        {
            ["encoding"] = "WKB",
            ["geometry_types"] = new JsonArray(geometryTypes.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            ["crs"] = JsonNode.Parse(Wgs84ProjJson),
        };
        if (bbox is not null) entry["bbox"] = new JsonArray(bbox.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
        var root = new JsonObject
        {
            ["version"] = "1.1.0",
            ["primary_column"] = column,
            ["columns"] = new JsonObject { [column] = entry },
        };
        return root.ToJsonString();
    }

    private static GeoColumnMetadata ParseColumn(string name, JsonObject column, string fileName)
    {
        var encoding = Text(column, "encoding") ?? throw new ParquetFormatException($"{fileName}: geometry column '{name}' has no 'encoding'.");
        var types = column["geometry_types"] is JsonArray array
            ? array.Select(t => t?.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : throw new ParquetFormatException($"{fileName}: geometry column '{name}' has a non-text geometry type.")).ToArray()
            : [];
        double[]? bbox = null;
        if (column["bbox"] is JsonArray box)
        {
            if (box.Count is not (4 or 6) || box.Any(v => v?.GetValueKind() != JsonValueKind.Number))
                throw new ParquetFormatException($"{fileName}: geometry column '{name}' has a malformed 'bbox'.");
            bbox = box.Select(v => v!.GetValue<double>()).ToArray();
        }
        var (code, crsJson) = ParseCrs(column, name, fileName);
        return new GeoColumnMetadata(name, encoding, types, bbox, code, crsJson);
    }

    /// <summary>Absent means OGC:CRS84; null means unknown; otherwise PROJJSON (or, leniently, an "AUTH:CODE" string).</summary>
    private static (string? Code, string? Json) ParseCrs(JsonObject column, string name, string fileName)
    {
        if (!column.TryGetPropertyValue("crs", out var crs)) return ("OGC:CRS84", null);
        switch (crs)
        {
            case null:
                return (null, null);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return (value.GetValue<string>().ToUpperInvariant(), null);
            case JsonObject obj:
                var id = obj["id"] as JsonObject ?? (obj["ids"] as JsonArray)?.FirstOrDefault() as JsonObject;
                var code = id is null ? null : $"{Text(id, "authority")?.ToUpperInvariant()}:{id["code"]}";
                return (code, obj.ToJsonString());
            default:
                throw new ParquetFormatException($"{fileName}: geometry column '{name}' has a malformed 'crs'.");
        }
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
