using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Tests.Support.Thrift;

// Plain mirrors of the parquet.thrift structs this library reads and writes.
// Field ids are noted so the Thrift codec and the spec can be read side by side.

/// <summary>parquet.thrift FileMetaData.</summary>
public sealed class FileMetaData
{
    public int Version { get; set; } = 1;                                   // 1
    public List<SchemaElement> Schema { get; set; } = [];                   // 2
    public long NumRows { get; set; }                                       // 3
    public List<RowGroup> RowGroups { get; set; } = [];                     // 4
    public List<KeyValue>? KeyValueMetadata { get; set; }                   // 5
    public string? CreatedBy { get; set; }                                  // 6
    /// <summary>ColumnOrder union id per leaf column (1 = TYPE_ORDER); null when absent.</summary>
    public List<int>? ColumnOrders { get; set; }                            // 7
}

/// <summary>parquet.thrift KeyValue.</summary>
public sealed class KeyValue
{
    public string Key { get; set; } = "";                                   // 1
    public string? Value { get; set; }                                      // 2
}

/// <summary>parquet.thrift SchemaElement.</summary>
public sealed class SchemaElement
{
    public PhysicalType? Type { get; set; }                                 // 1
    public int? TypeLength { get; set; }                                    // 2
    public FieldRepetitionType? RepetitionType { get; set; }               // 3
    public string Name { get; set; } = "";                                  // 4
    public int? NumChildren { get; set; }                                   // 5
    public ConvertedType? ConvertedType { get; set; }                       // 6
    public int? Scale { get; set; }                                         // 7
    public int? Precision { get; set; }                                     // 8
    public int? FieldId { get; set; }                                       // 9
    public LogicalTypeAnnotation? LogicalType { get; set; }                 // 10
}

/// <summary>The LogicalType union of parquet.thrift, flattened: exactly one kind is set.</summary>
public sealed class LogicalTypeAnnotation
{
    /// <summary>Union field id: 1 STRING, 2 MAP, 3 LIST, 4 ENUM, 5 DECIMAL, 6 DATE, 7 TIME,
    /// 8 TIMESTAMP, 10 INTEGER, 11 UNKNOWN (null), 12 JSON, 13 BSON, 14 UUID, 15 FLOAT16.</summary>
    public int Kind { get; set; }
    public int DecimalScale { get; set; }                                   // DecimalType 1
    public int DecimalPrecision { get; set; }                               // DecimalType 2
    public bool IsAdjustedToUtc { get; set; }                               // Time/Timestamp 1
    /// <summary>TimeUnit union id: 1 MILLIS, 2 MICROS, 3 NANOS.</summary>
    public int TimeUnit { get; set; }                                       // Time/Timestamp 2
    public int BitWidth { get; set; }                                       // IntType 1 (i8)
    public bool IsSigned { get; set; }                                      // IntType 2
}

/// <summary>parquet.thrift RowGroup.</summary>
public sealed class RowGroup
{
    public List<ColumnChunk> Columns { get; set; } = [];                    // 1
    public long TotalByteSize { get; set; }                                 // 2
    public long NumRows { get; set; }                                       // 3
    public long? FileOffset { get; set; }                                   // 5
    public long? TotalCompressedSize { get; set; }                          // 6
    public short? Ordinal { get; set; }                                     // 7
}

/// <summary>parquet.thrift ColumnChunk.</summary>
public sealed class ColumnChunk
{
    public string? FilePath { get; set; }                                   // 1
    public long FileOffset { get; set; }                                    // 2
    public ColumnMetaData? MetaData { get; set; }                           // 3
}

/// <summary>parquet.thrift ColumnMetaData.</summary>
public sealed class ColumnMetaData
{
    public PhysicalType Type { get; set; }                                  // 1
    public List<Encoding> Encodings { get; set; } = [];                     // 2
    public List<string> PathInSchema { get; set; } = [];                    // 3
    public CompressionCodec Codec { get; set; }                             // 4
    public long NumValues { get; set; }                                     // 5
    public long TotalUncompressedSize { get; set; }                         // 6
    public long TotalCompressedSize { get; set; }                           // 7
    public List<KeyValue>? KeyValueMetadata { get; set; }                   // 8
    public long DataPageOffset { get; set; }                                // 9
    public long? IndexPageOffset { get; set; }                              // 10
    public long? DictionaryPageOffset { get; set; }                         // 11
    public Statistics? Statistics { get; set; }                             // 12
}

/// <summary>parquet.thrift Statistics (min_value/max_value are the non-deprecated 5/6).</summary>
public sealed class Statistics
{
    public byte[]? Max { get; set; }                                        // 1 (deprecated)
    public byte[]? Min { get; set; }                                        // 2 (deprecated)
    public long? NullCount { get; set; }                                    // 3
    public long? DistinctCount { get; set; }                                // 4
    public byte[]? MaxValue { get; set; }                                   // 5
    public byte[]? MinValue { get; set; }                                   // 6
}

/// <summary>parquet.thrift PageHeader.</summary>
public sealed class PageHeader
{
    public PageType Type { get; set; }                                      // 1
    public int UncompressedPageSize { get; set; }                           // 2
    public int CompressedPageSize { get; set; }                             // 3
    public int? Crc { get; set; }                                           // 4
    public DataPageHeader? DataPageHeader { get; set; }                     // 5
    public DictionaryPageHeader? DictionaryPageHeader { get; set; }         // 7
    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }                 // 8
}

/// <summary>parquet.thrift DataPageHeader.</summary>
public sealed class DataPageHeader
{
    public int NumValues { get; set; }                                      // 1
    public Encoding Encoding { get; set; }                                  // 2
    public Encoding DefinitionLevelEncoding { get; set; }                   // 3
    public Encoding RepetitionLevelEncoding { get; set; }                   // 4
    public Statistics? Statistics { get; set; }                             // 5
}

/// <summary>parquet.thrift DictionaryPageHeader.</summary>
public sealed class DictionaryPageHeader
{
    public int NumValues { get; set; }                                      // 1
    public Encoding Encoding { get; set; }                                  // 2
    public bool? IsSorted { get; set; }                                     // 3
}

/// <summary>parquet.thrift DataPageHeaderV2.</summary>
public sealed class DataPageHeaderV2
{
    public int NumValues { get; set; }                                      // 1
    public int NumNulls { get; set; }                                       // 2
    public int NumRows { get; set; }                                        // 3
    public Encoding Encoding { get; set; }                                  // 4
    public int DefinitionLevelsByteLength { get; set; }                     // 5
    public int RepetitionLevelsByteLength { get; set; }                     // 6
    public bool IsCompressed { get; set; } = true;                          // 7
    public Statistics? Statistics { get; set; }                             // 8
}
