using System.Buffers;
using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Tests.Support.Thrift;

internal static partial class ParquetThrift
{
    /// <summary>Encodes the file footer (without the trailing length and magic).</summary>
    public static void WriteFileMetaData(FileMetaData metadata, IBufferWriter<byte> output)
    {
        var w = new CompactWriter(output);
        w.BeginStruct();
        w.FieldI32(1, metadata.Version);
        w.FieldListBegin(2, CompactType.Struct, metadata.Schema.Count);
        foreach (var element in metadata.Schema)
            WriteSchemaElement(w, element);
        w.FieldI64(3, metadata.NumRows);
        w.FieldListBegin(4, CompactType.Struct, metadata.RowGroups.Count);
        foreach (var group in metadata.RowGroups)
            WriteRowGroup(w, group);
        if (metadata.KeyValueMetadata is { } keyValues)
            WriteKeyValues(w, 5, keyValues);
        if (metadata.CreatedBy is { } createdBy)
            w.FieldString(6, createdBy);
        if (metadata.ColumnOrders is { } orders)
        {
            w.FieldListBegin(7, CompactType.Struct, orders.Count);
            foreach (var kind in orders)
                WriteUnionKind(w, (short)kind);
        }
        w.EndStruct();
    }

    /// <summary>Encodes one page header.</summary>
    public static void WritePageHeader(PageHeader header, IBufferWriter<byte> output)
    {
        var w = new CompactWriter(output);
        w.BeginStruct();
        w.FieldI32(1, (int)header.Type);
        w.FieldI32(2, header.UncompressedPageSize);
        w.FieldI32(3, header.CompressedPageSize);
        if (header.Crc is { } crc)
            w.FieldI32(4, crc);
        if (header.DataPageHeader is { } v1)
        {
            w.FieldStructBegin(5);
            w.FieldI32(1, v1.NumValues);
            w.FieldI32(2, (int)v1.Encoding);
            w.FieldI32(3, (int)v1.DefinitionLevelEncoding);
            w.FieldI32(4, (int)v1.RepetitionLevelEncoding);
            if (v1.Statistics is { } statistics)
                WriteStatistics(w, 5, statistics);
            w.EndStruct();
        }
        if (header.DictionaryPageHeader is { } dictionary)
        {
            w.FieldStructBegin(7);
            w.FieldI32(1, dictionary.NumValues);
            w.FieldI32(2, (int)dictionary.Encoding);
            if (dictionary.IsSorted is { } sorted)
                w.FieldBool(3, sorted);
            w.EndStruct();
        }
        if (header.DataPageHeaderV2 is { } v2)
        {
            w.FieldStructBegin(8);
            w.FieldI32(1, v2.NumValues);
            w.FieldI32(2, v2.NumNulls);
            w.FieldI32(3, v2.NumRows);
            w.FieldI32(4, (int)v2.Encoding);
            w.FieldI32(5, v2.DefinitionLevelsByteLength);
            w.FieldI32(6, v2.RepetitionLevelsByteLength);
            w.FieldBool(7, v2.IsCompressed);
            if (v2.Statistics is { } statistics)
                WriteStatistics(w, 8, statistics);
            w.EndStruct();
        }
        w.EndStruct();
    }

    private static void WriteSchemaElement(CompactWriter w, SchemaElement e)
    {
        w.BeginStruct();
        if (e.Type is { } type)
            w.FieldI32(1, (int)type);
        if (e.TypeLength is { } typeLength)
            w.FieldI32(2, typeLength);
        if (e.RepetitionType is { } repetition)
            w.FieldI32(3, (int)repetition);
        w.FieldString(4, e.Name);
        if (e.NumChildren is { } children)
            w.FieldI32(5, children);
        if (e.ConvertedType is { } converted)
            w.FieldI32(6, (int)converted);
        if (e.Scale is { } scale)
            w.FieldI32(7, scale);
        if (e.Precision is { } precision)
            w.FieldI32(8, precision);
        if (e.FieldId is { } fieldId)
            w.FieldI32(9, fieldId);
        if (e.LogicalType is { } logical)
            WriteLogicalType(w, logical);
        w.EndStruct();
    }

    private static void WriteLogicalType(CompactWriter w, LogicalTypeAnnotation t)
    {
        w.FieldStructBegin(10);
        var kind = (short)t.Kind;
        switch (t.Kind)
        {
            case 5:
                w.FieldStructBegin(kind);
                w.FieldI32(1, t.DecimalScale);
                w.FieldI32(2, t.DecimalPrecision);
                w.EndStruct();
                break;
            case 7:
            case 8:
                w.FieldStructBegin(kind);
                w.FieldBool(1, t.IsAdjustedToUtc);
                w.FieldStructBegin(2);
                w.FieldEmptyStruct((short)t.TimeUnit);
                w.EndStruct();
                w.EndStruct();
                break;
            case 10:
                w.FieldStructBegin(kind);
                w.FieldI8(1, (sbyte)t.BitWidth);
                w.FieldBool(2, t.IsSigned);
                w.EndStruct();
                break;
            default:
                w.FieldEmptyStruct(kind);
                break;
        }
        w.EndStruct();
    }

    private static void WriteRowGroup(CompactWriter w, RowGroup g)
    {
        w.BeginStruct();
        w.FieldListBegin(1, CompactType.Struct, g.Columns.Count);
        foreach (var chunk in g.Columns)
            WriteColumnChunk(w, chunk);
        w.FieldI64(2, g.TotalByteSize);
        w.FieldI64(3, g.NumRows);
        if (g.FileOffset is { } fileOffset)
            w.FieldI64(5, fileOffset);
        if (g.TotalCompressedSize is { } compressed)
            w.FieldI64(6, compressed);
        if (g.Ordinal is { } ordinal)
            w.FieldI16(7, ordinal);
        w.EndStruct();
    }

    private static void WriteColumnChunk(CompactWriter w, ColumnChunk c)
    {
        w.BeginStruct();
        if (c.FilePath is { } path)
            w.FieldString(1, path);
        w.FieldI64(2, c.FileOffset);
        if (c.MetaData is { } m)
        {
            w.FieldStructBegin(3);
            w.FieldI32(1, (int)m.Type);
            w.FieldListBegin(2, CompactType.I32, m.Encodings.Count);
            foreach (var encoding in m.Encodings)
                w.ElementI32((int)encoding);
            w.FieldListBegin(3, CompactType.Binary, m.PathInSchema.Count);
            foreach (var part in m.PathInSchema)
                w.ElementString(part);
            w.FieldI32(4, (int)m.Codec);
            w.FieldI64(5, m.NumValues);
            w.FieldI64(6, m.TotalUncompressedSize);
            w.FieldI64(7, m.TotalCompressedSize);
            if (m.KeyValueMetadata is { } keyValues)
                WriteKeyValues(w, 8, keyValues);
            w.FieldI64(9, m.DataPageOffset);
            if (m.IndexPageOffset is { } indexOffset)
                w.FieldI64(10, indexOffset);
            if (m.DictionaryPageOffset is { } dictionaryOffset)
                w.FieldI64(11, dictionaryOffset);
            if (m.Statistics is { } statistics)
                WriteStatistics(w, 12, statistics);
            w.EndStruct();
        }
        w.EndStruct();
    }

    private static void WriteStatistics(CompactWriter w, short fieldId, Statistics s)
    {
        w.FieldStructBegin(fieldId);
        if (s.Max is { } max)
            w.FieldBinary(1, max);
        if (s.Min is { } min)
            w.FieldBinary(2, min);
        if (s.NullCount is { } nulls)
            w.FieldI64(3, nulls);
        if (s.DistinctCount is { } distinct)
            w.FieldI64(4, distinct);
        if (s.MaxValue is { } maxValue)
            w.FieldBinary(5, maxValue);
        if (s.MinValue is { } minValue)
            w.FieldBinary(6, minValue);
        w.EndStruct();
    }

    private static void WriteKeyValues(CompactWriter w, short fieldId, List<KeyValue> keyValues)
    {
        w.FieldListBegin(fieldId, CompactType.Struct, keyValues.Count);
        foreach (var kv in keyValues)
        {
            w.BeginStruct();
            w.FieldString(1, kv.Key);
            if (kv.Value is { } value)
                w.FieldString(2, value);
            w.EndStruct();
        }
    }

    /// <summary>Writes a union whose members are empty marker structs, e.g. ColumnOrder.TYPE_ORDER.</summary>
    private static void WriteUnionKind(CompactWriter w, short kind)
    {
        w.BeginStruct();
        w.FieldEmptyStruct(kind);
        w.EndStruct();
    }
}
