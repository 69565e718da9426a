using System.Text.Json.Serialization;

namespace Mesa.Processing.Pipeline;

/// <summary>manifest.json's shape, compiled ahead of time: a short command (tiles) need not build it by reflection first.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(Manifest))]
internal sealed partial class ManifestJson : JsonSerializerContext;
