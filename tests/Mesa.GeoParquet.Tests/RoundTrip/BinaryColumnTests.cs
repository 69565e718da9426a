using System.Text;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Schema;

namespace Mesa.GeoParquet.Tests.RoundTrip;

public sealed class BinaryColumnTests
{
    [Fact]
    public void Text_rows_hold_each_string_as_UTF8_whether_it_repeats_the_row_before_or_not()
    {
        var code = "ÆØÅ-cell 17";
        var other = new string("ÆØÅ-cell 17".AsSpan());
        string?[] values = [code, code, null, code, other, "", "", null, null, "værdi", code];
        var column = BinaryColumn.FromStrings(ColumnDescriptor.String("code"), values);

        Assert.Equal(values.Length, column.Values.Count);
        Assert.Equal(values.Sum(v => v is null ? 0 : Encoding.UTF8.GetByteCount(v)), column.Values.ByteLength);
        for (var row = 0; row < values.Length; row++)
        {
            Assert.Equal(values[row] is null, column.IsNull(row));
            Assert.Equal(values[row], column.GetString(row));
        }
    }

    [Fact]
    public void An_empty_list_gives_an_empty_column() =>
        Assert.Equal(0, BinaryColumn.FromStrings(ColumnDescriptor.String("code"), []).Values.Count);
}
