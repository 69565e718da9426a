using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// How one column chunk is stored: its codec, the encodings of its pages and, where the writer kept
/// statistics, its null count and (for fixed-width values) its minimum and maximum.
/// </summary>
public sealed record ColumnChunkInfo(CompressionCodec Codec, IReadOnlyList<Encoding> Encodings, long? NullCount, object? Min, object? Max);
