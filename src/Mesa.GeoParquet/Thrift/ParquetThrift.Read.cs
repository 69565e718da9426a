using Mesa.GeoParquet.Format;

namespace Mesa.GeoParquet.Thrift;

/// <summary>
/// Maps the parquet.thrift structs to and from the compact protocol. Fields this library does not use
/// (page indexes, bloom filters, size statistics, encryption) are skipped on read and never written.
/// </summary>
internal static partial class ParquetThrift
{
    /// <summary>Decodes the file footer.</summary>
    /// <exception cref="ParquetFormatException">The footer is truncated, corrupt or misses a required field.</exception>
    public static FileMetaData ReadFileMetaData(ReadOnlySpan<byte> footer)
    {
        var reader = new CompactReader(footer, "the Parquet footer (FileMetaData)");
        var metadata = ReadFileMetaData(ref reader);
        return metadata;
    }

    /// <summary>Decodes one page header at the start of <paramref name="data"/>.</summary>
    /// <param name="consumed">Length of the header in bytes; the page body follows it.</param>
    public static PageHeader ReadPageHeader(ReadOnlySpan<byte> data, out int consumed)
    {
        var reader = new CompactReader(data, "a page header");
        var header = ReadPageHeader(ref reader);
        consumed = reader.Position;
        return header;
    }

    private static FileMetaData ReadFileMetaData(ref CompactReader r)
    {
        var m = new FileMetaData();
        bool hasSchema = false, hasNumRows = false, hasRowGroups = false;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: m.Version = r.ReadI32(); break;
                case 2 when type == CompactType.List: m.Schema = ReadStructList(ref r, ReadSchemaElement); hasSchema = true; break;
                case 3 when type == CompactType.I64: m.NumRows = r.ReadI64(); hasNumRows = true; break;
                case 4 when type == CompactType.List: m.RowGroups = ReadStructList(ref r, ReadRowGroup); hasRowGroups = true; break;
                case 5 when type == CompactType.List: m.KeyValueMetadata = ReadStructList(ref r, ReadKeyValue); break;
                case 6 when type == CompactType.Binary: m.CreatedBy = r.ReadString(); break;
                case 7 when type == CompactType.List: m.ColumnOrders = ReadStructList(ref r, ReadUnionKind); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3, 4, 5, 6, 7], "FileMetaData"); break;
            }
        }
        r.LeaveStruct();
        Require(ref r, hasSchema, "FileMetaData.schema");
        Require(ref r, hasNumRows, "FileMetaData.num_rows");
        Require(ref r, hasRowGroups, "FileMetaData.row_groups");
        return m;
    }

    private static KeyValue ReadKeyValue(ref CompactReader r)
    {
        var kv = new KeyValue();
        var hasKey = false;
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: kv.Key = r.ReadString(); hasKey = true; break;
                case 2 when type == CompactType.Binary: kv.Value = r.ReadString(); break;
                default: SkipOrReject(ref r, id, type, [1, 2], "KeyValue"); break;
            }
        }
        Require(ref r, hasKey, "KeyValue.key");
        return kv;
    }

    private static SchemaElement ReadSchemaElement(ref CompactReader r)
    {
        var e = new SchemaElement();
        var hasName = false;
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: e.Type = (PhysicalType)r.ReadI32(); break;
                case 2 when type == CompactType.I32: e.TypeLength = r.ReadI32(); break;
                case 3 when type == CompactType.I32: e.RepetitionType = (FieldRepetitionType)r.ReadI32(); break;
                case 4 when type == CompactType.Binary: e.Name = r.ReadString(); hasName = true; break;
                case 5 when type == CompactType.I32: e.NumChildren = r.ReadI32(); break;
                case 6 when type == CompactType.I32: e.ConvertedType = (ConvertedType)r.ReadI32(); break;
                case 7 when type == CompactType.I32: e.Scale = r.ReadI32(); break;
                case 8 when type == CompactType.I32: e.Precision = r.ReadI32(); break;
                case 9 when type == CompactType.I32: e.FieldId = r.ReadI32(); break;
                case 10 when type == CompactType.Struct: e.LogicalType = ReadNested(ref r, ReadLogicalType); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "SchemaElement"); break;
            }
        }
        Require(ref r, hasName, "SchemaElement.name");
        return e;
    }

    private static LogicalTypeAnnotation ReadLogicalType(ref CompactReader r)
    {
        var t = new LogicalTypeAnnotation();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            if (type != CompactType.Struct)
                throw r.Corrupt($"LogicalType member {id} is not a struct");
            t.Kind = id;
            switch (id)
            {
                case 5: ReadNested(ref r, ref t, ReadDecimalType); break;
                case 7:
                case 8: ReadNested(ref r, ref t, ReadTimeOrTimestampType); break;
                case 10: ReadNested(ref r, ref t, ReadIntType); break;
                default: r.SkipStruct(); break; // marker structs (STRING, DATE, JSON...) and kinds newer than this library
            }
        }
        if (t.Kind == 0)
            throw r.Corrupt("LogicalType union has no member set");
        return t;
    }

    private static void ReadDecimalType(ref CompactReader r, ref LogicalTypeAnnotation t)
    {
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: t.DecimalScale = r.ReadI32(); break;
                case 2 when type == CompactType.I32: t.DecimalPrecision = r.ReadI32(); break;
                default: SkipOrReject(ref r, id, type, [1, 2], "DecimalType"); break;
            }
        }
    }

    private static void ReadTimeOrTimestampType(ref CompactReader r, ref LogicalTypeAnnotation t)
    {
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: t.IsAdjustedToUtc = r.ReadBool(type); break;
                case 2 when type == CompactType.Struct: t.TimeUnit = ReadNested(ref r, ReadUnionKind); break;
                default: SkipOrReject(ref r, id, type, [1, 2], "TimeType/TimestampType"); break;
            }
        }
    }

    private static void ReadIntType(ref CompactReader r, ref LogicalTypeAnnotation t)
    {
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Byte: t.BitWidth = r.ReadI8(); break;
                case 2 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: t.IsSigned = r.ReadBool(type); break;
                default: SkipOrReject(ref r, id, type, [1, 2], "IntType"); break;
            }
        }
    }

    /// <summary>Reads a union of empty marker structs (TimeUnit, ColumnOrder) and returns the member's field id.</summary>
    private static int ReadUnionKind(ref CompactReader r)
    {
        var kind = 0;
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            kind = id;
            r.Skip(type);
        }
        return kind;
    }

    private static RowGroup ReadRowGroup(ref CompactReader r)
    {
        var g = new RowGroup();
        bool hasColumns = false, hasNumRows = false;
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.List: g.Columns = ReadStructList(ref r, ReadColumnChunk); hasColumns = true; break;
                case 2 when type == CompactType.I64: g.TotalByteSize = r.ReadI64(); break;
                case 3 when type == CompactType.I64: g.NumRows = r.ReadI64(); hasNumRows = true; break;
                case 5 when type == CompactType.I64: g.FileOffset = r.ReadI64(); break;
                case 6 when type == CompactType.I64: g.TotalCompressedSize = r.ReadI64(); break;
                case 7 when type == CompactType.I16: g.Ordinal = r.ReadI16(); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3, 5, 6, 7], "RowGroup"); break;
            }
        }
        Require(ref r, hasColumns, "RowGroup.columns");
        Require(ref r, hasNumRows, "RowGroup.num_rows");
        return g;
    }

    private static ColumnChunk ReadColumnChunk(ref CompactReader r)
    {
        var c = new ColumnChunk();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: c.FilePath = r.ReadString(); break;
                case 2 when type == CompactType.I64: c.FileOffset = r.ReadI64(); break;
                case 3 when type == CompactType.Struct: c.MetaData = ReadNested(ref r, ReadColumnMetaData); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3], "ColumnChunk"); break;
            }
        }
        return c;
    }

    private static ColumnMetaData ReadColumnMetaData(ref CompactReader r)
    {
        var m = new ColumnMetaData();
        var seen = 0;
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: m.Type = (PhysicalType)r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.List: m.Encodings = ReadI32List(ref r, v => (Format.Encoding)v); seen |= 2; break;
                case 3 when type == CompactType.List: m.PathInSchema = ReadStringList(ref r); seen |= 4; break;
                case 4 when type == CompactType.I32: m.Codec = (CompressionCodec)r.ReadI32(); seen |= 8; break;
                case 5 when type == CompactType.I64: m.NumValues = r.ReadI64(); seen |= 16; break;
                case 6 when type == CompactType.I64: m.TotalUncompressedSize = r.ReadI64(); break;
                case 7 when type == CompactType.I64: m.TotalCompressedSize = r.ReadI64(); seen |= 32; break;
                case 8 when type == CompactType.List: m.KeyValueMetadata = ReadStructList(ref r, ReadKeyValue); break;
                case 9 when type == CompactType.I64: m.DataPageOffset = r.ReadI64(); seen |= 64; break;
                case 10 when type == CompactType.I64: m.IndexPageOffset = r.ReadI64(); break;
                case 11 when type == CompactType.I64: m.DictionaryPageOffset = r.ReadI64(); break;
                case 12 when type == CompactType.Struct: m.Statistics = ReadNested(ref r, ReadStatistics); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "ColumnMetaData"); break;
            }
        }
        Require(ref r, seen == 127, "ColumnMetaData.type/encodings/path_in_schema/codec/num_values/total_compressed_size/data_page_offset");
        return m;
    }

    private static Statistics ReadStatistics(ref CompactReader r)
    {
        var s = new Statistics();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.Binary: s.Max = r.ReadBytes(); break;
                case 2 when type == CompactType.Binary: s.Min = r.ReadBytes(); break;
                case 3 when type == CompactType.I64: s.NullCount = r.ReadI64(); break;
                case 4 when type == CompactType.I64: s.DistinctCount = r.ReadI64(); break;
                case 5 when type == CompactType.Binary: s.MaxValue = r.ReadBytes(); break;
                case 6 when type == CompactType.Binary: s.MinValue = r.ReadBytes(); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3, 4, 5, 6], "Statistics"); break;
            }
        }
        return s;
    }

    private static PageHeader ReadPageHeader(ref CompactReader r)
    {
        var h = new PageHeader();
        var seen = 0;
        r.EnterStruct();
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.Type = (PageType)r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.I32: h.UncompressedPageSize = r.ReadI32(); seen |= 2; break;
                case 3 when type == CompactType.I32: h.CompressedPageSize = r.ReadI32(); seen |= 4; break;
                case 4 when type == CompactType.I32: h.Crc = r.ReadI32(); break;
                case 5 when type == CompactType.Struct: h.DataPageHeader = ReadNested(ref r, ReadDataPageHeader); break;
                case 7 when type == CompactType.Struct: h.DictionaryPageHeader = ReadNested(ref r, ReadDictionaryPageHeader); break;
                case 8 when type == CompactType.Struct: h.DataPageHeaderV2 = ReadNested(ref r, ReadDataPageHeaderV2); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3, 4, 5, 7, 8], "PageHeader"); break;
            }
        }
        r.LeaveStruct();
        Require(ref r, seen == 7, "PageHeader.type/uncompressed_page_size/compressed_page_size");
        return h;
    }

    private static DataPageHeader ReadDataPageHeader(ref CompactReader r)
    {
        var h = new DataPageHeader();
        var seen = 0;
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.I32: h.Encoding = (Format.Encoding)r.ReadI32(); seen |= 2; break;
                case 3 when type == CompactType.I32: h.DefinitionLevelEncoding = (Format.Encoding)r.ReadI32(); break;
                case 4 when type == CompactType.I32: h.RepetitionLevelEncoding = (Format.Encoding)r.ReadI32(); break;
                case 5 when type == CompactType.Struct: h.Statistics = ReadNested(ref r, ReadStatistics); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3, 4, 5], "DataPageHeader"); break;
            }
        }
        Require(ref r, seen == 3, "DataPageHeader.num_values/encoding");
        return h;
    }

    private static DictionaryPageHeader ReadDictionaryPageHeader(ref CompactReader r)
    {
        var h = new DictionaryPageHeader();
        var seen = 0;
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.I32: h.Encoding = (Format.Encoding)r.ReadI32(); seen |= 2; break;
                case 3 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: h.IsSorted = r.ReadBool(type); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3], "DictionaryPageHeader"); break;
            }
        }
        Require(ref r, seen == 3, "DictionaryPageHeader.num_values/encoding");
        return h;
    }

    private static DataPageHeaderV2 ReadDataPageHeaderV2(ref CompactReader r)
    {
        var h = new DataPageHeaderV2();
        var seen = 0;
        short last = 0;
        while (r.NextField(ref last, out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == CompactType.I32: h.NumValues = r.ReadI32(); seen |= 1; break;
                case 2 when type == CompactType.I32: h.NumNulls = r.ReadI32(); seen |= 2; break;
                case 3 when type == CompactType.I32: h.NumRows = r.ReadI32(); seen |= 4; break;
                case 4 when type == CompactType.I32: h.Encoding = (Format.Encoding)r.ReadI32(); seen |= 8; break;
                case 5 when type == CompactType.I32: h.DefinitionLevelsByteLength = r.ReadI32(); seen |= 16; break;
                case 6 when type == CompactType.I32: h.RepetitionLevelsByteLength = r.ReadI32(); seen |= 32; break;
                case 7 when type is CompactType.BooleanTrue or CompactType.BooleanFalse: h.IsCompressed = r.ReadBool(type); break;
                case 8 when type == CompactType.Struct: h.Statistics = ReadNested(ref r, ReadStatistics); break;
                default: SkipOrReject(ref r, id, type, [1, 2, 3, 4, 5, 6, 7, 8], "DataPageHeaderV2"); break;
            }
        }
        Require(ref r, seen == 63, "DataPageHeaderV2.num_values/num_nulls/num_rows/encoding/levels byte lengths");
        return h;
    }

    private delegate T StructReader<T>(ref CompactReader r);

    private delegate void StructFiller<T>(ref CompactReader r, ref T target);

    private static T ReadNested<T>(ref CompactReader r, StructReader<T> read)
    {
        r.EnterStruct();
        var value = read(ref r);
        r.LeaveStruct();
        return value;
    }

    private static void ReadNested<T>(ref CompactReader r, ref T target, StructFiller<T> fill)
    {
        r.EnterStruct();
        fill(ref r, ref target);
        r.LeaveStruct();
    }

    private static List<T> ReadStructList<T>(ref CompactReader r, StructReader<T> read)
    {
        var count = r.ReadListHeader(out var elementType);
        if (elementType != CompactType.Struct)
            throw r.Corrupt($"expected a list of structs, found elements of wire type {elementType}");
        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
            list.Add(ReadNested(ref r, read));
        return list;
    }

    private static List<T> ReadI32List<T>(ref CompactReader r, Func<int, T> convert)
    {
        var count = r.ReadListHeader(out var elementType);
        if (elementType != CompactType.I32)
            throw r.Corrupt($"expected a list of i32, found elements of wire type {elementType}");
        var list = new List<T>(count);
        for (var i = 0; i < count; i++)
            list.Add(convert(r.ReadI32()));
        return list;
    }

    private static List<string> ReadStringList(ref CompactReader r)
    {
        var count = r.ReadListHeader(out var elementType);
        if (elementType != CompactType.Binary)
            throw r.Corrupt($"expected a list of strings, found elements of wire type {elementType}");
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
            list.Add(r.ReadString());
        return list;
    }

    /// <summary>Skips fields added to the format after this library; a known field with the wrong wire type is corruption.</summary>
    private static void SkipOrReject(ref CompactReader r, short id, CompactType type, ReadOnlySpan<short> knownIds, string structName)
    {
        if (knownIds.Contains(id))
            throw r.Corrupt($"{structName} field {id} has the wrong wire type {type}");
        r.Skip(type);
    }

    private static void Require(ref CompactReader r, bool present, string field)
    {
        if (!present)
            throw r.Corrupt($"required field {field} is missing");
    }
}
