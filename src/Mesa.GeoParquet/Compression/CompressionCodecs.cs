using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Compression;

/// <summary>Maps a Parquet codec id (and optional level) to its implementation.</summary>
internal static class CompressionCodecs
{
    /// <summary>Returns the codec for <paramref name="id"/>.</summary>
    /// <param name="id">The codec named in column chunk metadata or writer options.</param>
    /// <param name="level">
    /// Codec-specific: ZSTD 1..22 (default 3, as MESA/pyarrow write), GZIP zlib levels 0..9 (default 6),
    /// BROTLI quality 0..11 (default 8, as Arrow writes); null uses the default. Codecs without levels
    /// (UNCOMPRESSED, SNAPPY, LZ4_RAW) accept only null.
    /// </param>
    /// <exception cref="ParquetFormatException">The codec is LZO, hadoop-framed LZ4 or unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside the codec's range.</exception>
    public static ICompressionCodec Get(CompressionCodec id, int? level = null)
    {
        switch (id)
        {
            case CompressionCodec.Uncompressed:
                RequireNoLevel(id, level);
                return UncompressedCodec.Instance;
            case CompressionCodec.Snappy:
                RequireNoLevel(id, level);
                return SnappyCodec.Instance;
            case CompressionCodec.Lz4Raw:
                RequireNoLevel(id, level);
                return Lz4RawCodec.Instance;
            case CompressionCodec.Gzip:
                return new GzipCodec(CheckLevel(id, level, GzipCodec.MinLevel, GzipCodec.MaxLevel) ?? GzipCodec.DefaultLevel);
            case CompressionCodec.Brotli:
                return new BrotliCodec(CheckLevel(id, level, BrotliCodec.MinLevel, BrotliCodec.MaxLevel) ?? BrotliCodec.DefaultLevel);
            case CompressionCodec.Zstd:
                return new ZstdCodec(CheckLevel(id, level, ZstdCodec.MinLevel, ZstdCodec.MaxLevel) ?? ZstdCodec.DefaultLevel);
            case CompressionCodec.Lzo:
                throw new ParquetFormatException("compression codec LZO is not supported; rewrite the file with ZSTD, SNAPPY or LZ4_RAW.");
            case CompressionCodec.Lz4:
                // Codec 5 is ambiguous in the wild (hadoop framing vs. raw blocks); the spec deprecated it for LZ4_RAW.
                throw new ParquetFormatException("compression codec LZ4 (id 5, hadoop-framed, deprecated) is not supported; rewrite the file with LZ4_RAW or ZSTD.");
            default:
                throw new ParquetFormatException($"unknown compression codec id {(int)id}.");
        }
    }

    private static void RequireNoLevel(CompressionCodec id, int? level)
    {
        if (level is not null)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"{FormatNames.Of(id)} has no compression levels; pass null.");
    }

    private static int? CheckLevel(CompressionCodec id, int? level, int min, int max)
    {
        if (level < min || level > max)
            throw new ArgumentOutOfRangeException(nameof(level), level, $"{FormatNames.Of(id)} compression level must be {min}..{max}.");
        return level;
    }
}
