using Mesa.GeoParquet.Columns;

namespace Mesa.GeoParquet.Tests.Support;

/// <summary>Cell-by-cell comparison through <see cref="ValueText"/>, which renders physical values exactly.</summary>
internal static class TableAssert
{
    public static void Equal(RowBatch expected, int expectedStart, RowBatch actual, string context)
    {
        Assert.Equal(expected.Columns.Count, actual.Columns.Count);
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var want = expected.Columns[c];
            var got = actual.Columns[c];
            Assert.Equal(want.Descriptor, got.Descriptor);
            for (var row = 0; row < actual.RowCount; row++)
            {
                var wantText = ValueText.Format(want, expectedStart + row);
                var gotText = ValueText.Format(got, row);
                if (wantText != gotText)
                    Assert.Fail($"{context}: column '{want.Name}', row {expectedStart + row}: expected {wantText ?? "null"}, got {gotText ?? "null"}");
            }
        }
    }
}
