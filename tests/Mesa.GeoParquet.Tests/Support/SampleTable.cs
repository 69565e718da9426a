using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Format;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Tests.Support;

/// <summary>A deterministic table holding every physical and logical type the writer supports, with edge values and nulls.</summary>
internal static class SampleTable
{
    private static readonly string[] Words = ["", "kyst", "elv", "fjell", "Ærøskøbing", "日本語", "a\"quote", "tab\tnew\nline", "🌊"];

    public static RowBatch Create(int rows, int seed = 1)
    {
        var random = new Random(seed);
        var columns = new List<Column>
        {
            Primitive(ColumnDescriptor.Boolean("flag", nullable: false), rows, random, (r, i) => i % 3 == 0, nullEvery: 0),
            Primitive(ColumnDescriptor.Boolean("flag_nullable"), rows, random, (r, i) => r.Next(2) == 1, nullEvery: 5),
            Primitive(ColumnDescriptor.Int32("int32", nullable: false), rows, random, (r, i) => Edge(i, int.MinValue, int.MaxValue, r.Next(int.MinValue, int.MaxValue)), nullEvery: 0),
            Primitive(new ColumnDescriptor("int8", PhysicalType.Int32, LogicalType.Int(8)), rows, random, (r, i) => r.Next(sbyte.MinValue, sbyte.MaxValue + 1), nullEvery: 7),
            Primitive(new ColumnDescriptor("uint16", PhysicalType.Int32, LogicalType.Int(16, signed: false)), rows, random, (r, i) => r.Next(0, ushort.MaxValue + 1), nullEvery: 0),
            Primitive(new ColumnDescriptor("uint32", PhysicalType.Int32, LogicalType.Int(32, signed: false)), rows, random, (r, i) => Edge(i, 0, -1, r.Next()), nullEvery: 11),
            Primitive(ColumnDescriptor.Int64("int64"), rows, random, (r, i) => Edge(i, long.MinValue, long.MaxValue, r.NextInt64(long.MinValue, long.MaxValue)), nullEvery: 4),
            Primitive(ColumnDescriptor.Int64("sequence", nullable: false), rows, random, (r, i) => 1_000_000L + i * 3, nullEvery: 0),
            Primitive(new ColumnDescriptor("uint64", PhysicalType.Int64, LogicalType.Int(64, signed: false)), rows, random, (r, i) => Edge(i, 0L, -1L, r.NextInt64()), nullEvery: 0),
            Primitive(ColumnDescriptor.Float("float32"), rows, random, (r, i) => Edge(i, float.NaN, float.NegativeInfinity, (float)(r.NextDouble() * 1e6 - 5e5)), nullEvery: 9),
            Primitive(ColumnDescriptor.Double("float64", nullable: false), rows, random, (r, i) => Edge(i, -0.0, double.Epsilon, r.NextDouble() * 360 - 180), nullEvery: 0),
            Primitive(new ColumnDescriptor("date", PhysicalType.Int32, LogicalType.Date), rows, random, (r, i) => r.Next(-25_000, 60_000), nullEvery: 6),
            Primitive(new ColumnDescriptor("time_ms", PhysicalType.Int32, LogicalType.Time(TimeUnit.Millis, utc: false)), rows, random, (r, i) => r.Next(0, 86_400_000), nullEvery: 0),
            Primitive(new ColumnDescriptor("time_us", PhysicalType.Int64, LogicalType.Time(TimeUnit.Micros)), rows, random, (r, i) => r.NextInt64(0, 86_400_000_000), nullEvery: 8),
            Primitive(ColumnDescriptor.Timestamp("ts_ms", TimeUnit.Millis), rows, random, (r, i) => r.NextInt64(-2_000_000_000_000, 4_000_000_000_000), nullEvery: 0),
            Primitive(ColumnDescriptor.Timestamp("ts_us"), rows, random, (r, i) => r.NextInt64(-2_000_000_000_000_000, 4_000_000_000_000_000), nullEvery: 3),
            Primitive(ColumnDescriptor.Timestamp("ts_ns_local", TimeUnit.Nanos, utc: false), rows, random, (r, i) => r.NextInt64(), nullEvery: 0),
            Primitive(new ColumnDescriptor("decimal_9_2", PhysicalType.Int32, LogicalType.Decimal(9, 2)), rows, random, (r, i) => r.Next(-999_999_999, 1_000_000_000), nullEvery: 5),
            Primitive(new ColumnDescriptor("decimal_18_4", PhysicalType.Int64, LogicalType.Decimal(18, 4)), rows, random, (r, i) => r.NextInt64(-999_999_999_999_999_999, 999_999_999_999_999_999), nullEvery: 0),
            Binary(new ColumnDescriptor("decimal_30_5", PhysicalType.FixedLenByteArray, LogicalType.Decimal(30, 5), TypeLength: 13), rows, random, (r, i) => Random(r, 13), nullEvery: 10),
            Binary(new ColumnDescriptor("uuid", PhysicalType.FixedLenByteArray, new LogicalType(LogicalKind.Uuid), TypeLength: 16), rows, random, (r, i) => Random(r, 16), nullEvery: 0),
            Binary(new ColumnDescriptor("fixed4", PhysicalType.FixedLenByteArray, LogicalType.None, Nullable: false, TypeLength: 4), rows, random, (r, i) => Random(r, 4), nullEvery: 0),
            Binary(ColumnDescriptor.String("category"), rows, random, (r, i) => System.Text.Encoding.UTF8.GetBytes(Words[r.Next(Words.Length)]), nullEvery: 13),
            Binary(ColumnDescriptor.String("name", nullable: false), rows, random, (r, i) => System.Text.Encoding.UTF8.GetBytes($"row {i} {Words[i % Words.Length]} {r.Next()}"), nullEvery: 0),
            Binary(new ColumnDescriptor("kind", PhysicalType.ByteArray, LogicalType.Enum), rows, random, (r, i) => System.Text.Encoding.UTF8.GetBytes(i % 2 == 0 ? "polygon" : "line"), nullEvery: 0),
            Binary(new ColumnDescriptor("attributes", PhysicalType.ByteArray, LogicalType.Json), rows, random, (r, i) => System.Text.Encoding.UTF8.GetBytes($"{{\"i\":{i}}}"), nullEvery: 4),
            Binary(ColumnDescriptor.Binary("blob"), rows, random, (r, i) => Random(r, r.Next(0, 64)), nullEvery: 2),
        };
        return new RowBatch(new ParquetSchema(columns.Select(c => c.Descriptor)), columns);
    }

    private static T Edge<T>(int row, T first, T second, T otherwise) => row switch { 0 => first, 1 => second, _ => otherwise };

    private static byte[] Random(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static PrimitiveColumn<T> Primitive<T>(ColumnDescriptor descriptor, int rows, Random random, Func<Random, int, T> value, int nullEvery) where T : unmanaged
    {
        var values = new T[rows];
        var defined = nullEvery > 0 ? new bool[rows] : null;
        for (var i = 0; i < rows; i++)
        {
            var isNull = nullEvery > 0 && i % nullEvery == nullEvery - 1;
            if (defined is not null) defined[i] = !isNull;
            values[i] = isNull ? default : value(random, i);
        }
        return new PrimitiveColumn<T>(descriptor, values, defined);
    }

    private static BinaryColumn Binary(ColumnDescriptor descriptor, int rows, Random random, Func<Random, int, byte[]> value, int nullEvery)
    {
        var values = new byte[]?[rows];
        for (var i = 0; i < rows; i++)
            values[i] = nullEvery > 0 && i % nullEvery == nullEvery - 1 ? null : value(random, i);
        return BinaryColumn.FromBytes(descriptor, values);
    }
}
