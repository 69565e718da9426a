using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Writing;

/// <summary>How a <see cref="ParquetWriter"/> lays out and compresses its file.</summary>
public sealed record ParquetWriterOptions
{
    public static readonly ParquetWriterOptions Default = new();

    /// <summary>Page compression; ZSTD level 3 matches what MESA (pyarrow) writes.</summary>
    public CompressionCodec Codec { get; init; } = CompressionCodec.Zstd;

    /// <summary>ZSTD level used when <see cref="CompressionLevel"/> is not set.</summary>
    public const int DefaultZstdLevel = 3;

    /// <summary>Codec level; null uses the codec's default (<see cref="DefaultZstdLevel"/> for ZSTD).</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>A written batch larger than this is split into several row groups.</summary>
    public int MaxRowsPerRowGroup { get; init; } = 128 * 1024;

    /// <summary>Uncompressed size at which a data page is closed.</summary>
    public int TargetPageBytes { get; init; } = 1024 * 1024;

    /// <summary>Write data page v2 instead of v1 (v1 is what most readers expect).</summary>
    public bool UseDataPageV2 { get; init; }

    /// <summary>Dictionary-encode byte-array columns whose distinct values are few enough.</summary>
    public bool UseDictionary { get; init; } = true;

    /// <summary>Largest dictionary page per column chunk; past it the rest of the chunk is written PLAIN.</summary>
    public int MaxDictionaryBytes { get; init; } = 1024 * 1024;

    /// <summary>Write min/max/null-count statistics per column chunk.</summary>
    public bool WriteStatistics { get; init; } = true;

    /// <summary>Forces an encoding per column (e.g. DELTA_BINARY_PACKED, or RLE_DICTIONARY to dictionary-encode it); null means the writer chooses.</summary>
    public Func<ColumnDescriptor, Encoding?>? EncodingOverride { get; init; }

    public string CreatedBy { get; init; } = "Mesa.GeoParquet";
}
