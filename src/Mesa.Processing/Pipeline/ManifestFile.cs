namespace Mesa.Processing.Pipeline;

/// <summary>One output file in manifest.json: '/'-separated path relative to the output folder, size and SHA-256 (hex).</summary>
public sealed record ManifestFile(string Path, long Bytes, string Sha256);
