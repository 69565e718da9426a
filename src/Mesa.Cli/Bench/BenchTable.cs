using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Schema;
using NetTopologySuite.Geometries;

namespace Mesa.Cli.Bench;

/// <summary>
/// A deterministic MESA-like polygon table for benchmarks: ids, a few repeated codes, free text, integers,
/// doubles and a small WKB polygon per row (about 150 bytes of decoded data per row).
/// </summary>
internal static class BenchTable
{
    public static readonly ParquetSchema Schema = new(
        ColumnDescriptor.Int64("id", nullable: false),
        ColumnDescriptor.String("asset_group_code", nullable: false),
        ColumnDescriptor.String("name"),
        ColumnDescriptor.Int32("importance", nullable: false),
        ColumnDescriptor.Double("sensitivity", nullable: false),
        ColumnDescriptor.Double("area_m2"),
        ColumnDescriptor.Binary("geometry", nullable: false));

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    /// <summary>Rows [start, start + count) of the table.</summary>
    public static RowBatch Rows(long start, int count)
    {
        var random = new Random(unchecked((int)start) ^ 0x5EED);
        var ids = new long[count];
        var codes = new string?[count];
        var names = new string?[count];
        var importance = new int[count];
        var sensitivity = new double[count];
        var area = new double[count];
        var areaDefined = new bool[count];
        var polygons = new Geometry?[count];
        for (var i = 0; i < count; i++)
        {
            var id = start + i;
            ids[i] = id;
            codes[i] = $"ag{random.Next(1, 40):000}";
            names[i] = random.Next(10) == 0 ? null : $"asset {id} {random.Next():x}";
            importance[i] = random.Next(1, 6);
            sensitivity[i] = random.Next(1, 26) + random.NextDouble();
            areaDefined[i] = random.Next(20) != 0;
            area[i] = areaDefined[i] ? random.NextDouble() * 1e6 : 0;
            var x = 4 + random.NextDouble() * 27;
            var y = 57 + random.NextDouble() * 14;
            var size = 0.001 + random.NextDouble() * 0.01;
            polygons[i] = Factory.CreatePolygon([new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size), new(x, y)]);
        }
        var columns = new Column[]
        {
            new PrimitiveColumn<long>(Schema.Columns[0], ids),
            BinaryColumn.FromStrings(Schema.Columns[1], codes),
            BinaryColumn.FromStrings(Schema.Columns[2], names),
            new PrimitiveColumn<int>(Schema.Columns[3], importance),
            new PrimitiveColumn<double>(Schema.Columns[4], sensitivity),
            new PrimitiveColumn<double>(Schema.Columns[5], area, areaDefined),
            GeoParquetWriter.ToWkbColumn(Schema.Columns[6], polygons),
        };
        return new RowBatch(Schema, columns);
    }

    /// <summary>Bytes the decoded values occupy (fixed widths plus byte-array lengths), the figure MB/s is measured in.</summary>
    public static long DecodedBytes(RowBatch batch)
    {
        long total = 0;
        foreach (var column in batch.Columns)
        {
            total += column switch
            {
                BinaryColumn binary => binary.Values.ByteLength,
                PrimitiveColumn<bool> => column.Length,
                PrimitiveColumn<int> or PrimitiveColumn<float> => 4L * column.Length,
                _ => 8L * column.Length,
            };
        }
        return total;
    }
}
