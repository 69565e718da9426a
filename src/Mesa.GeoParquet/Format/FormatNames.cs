namespace Mesa.GeoParquet.Format;

/// <summary>The names parquet.thrift gives to enum values, as tools such as parquet-tools and DuckDB print them.</summary>
public static class FormatNames
{
    public static string Of(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed => "UNCOMPRESSED",
        CompressionCodec.Snappy => "SNAPPY",
        CompressionCodec.Gzip => "GZIP",
        CompressionCodec.Lzo => "LZO",
        CompressionCodec.Brotli => "BROTLI",
        CompressionCodec.Lz4 => "LZ4",
        CompressionCodec.Zstd => "ZSTD",
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => $"codec {(int)codec}",
    };

    public static string Of(PhysicalType type) => type switch
    {
        PhysicalType.Boolean => "BOOLEAN",
        PhysicalType.Int32 => "INT32",
        PhysicalType.Int64 => "INT64",
        PhysicalType.Int96 => "INT96",
        PhysicalType.Float => "FLOAT",
        PhysicalType.Double => "DOUBLE",
        PhysicalType.ByteArray => "BYTE_ARRAY",
        PhysicalType.FixedLenByteArray => "FIXED_LEN_BYTE_ARRAY",
        _ => $"type {(int)type}",
    };

    public static string Of(Encoding encoding) => encoding switch
    {
        Encoding.Plain => "PLAIN",
        Encoding.PlainDictionary => "PLAIN_DICTIONARY",
        Encoding.Rle => "RLE",
        Encoding.BitPacked => "BIT_PACKED",
        Encoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        Encoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        Encoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        Encoding.RleDictionary => "RLE_DICTIONARY",
        Encoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => $"encoding {(int)encoding}",
    };
}
