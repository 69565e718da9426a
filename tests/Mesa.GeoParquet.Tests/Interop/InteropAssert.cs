using System.Text;

namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>Compares canonical rows and reports the first differences readably.</summary>
public static class InteropAssert
{
    private const int MaxReported = 10;

    /// <param name="ignoredColumns">Columns left out of the comparison (known bugs of one side).</param>
    public static void RowsEqual(
        IReadOnlyList<Dictionary<string, string?>> expected,
        IReadOnlyList<Dictionary<string, string?>> actual,
        string context,
        IReadOnlySet<string>? ignoredColumns = null)
    {
        var report = new StringBuilder();
        var differences = 0;
        void Note(string line)
        {
            if (differences++ < MaxReported)
            {
                report.AppendLine(line);
            }
        }

        if (expected.Count != actual.Count)
        {
            Note($"row count: expected {expected.Count}, actual {actual.Count}");
        }
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            var e = expected[i];
            var a = actual[i];
            foreach (var key in e.Keys.Union(a.Keys))
            {
                if (ignoredColumns?.Contains(key) == true)
                {
                    continue;
                }
                if (!e.TryGetValue(key, out var ev) || !a.TryGetValue(key, out var av))
                {
                    Note($"row {i}: column {key} present on one side only");
                }
                else if (!string.Equals(ev, av, StringComparison.Ordinal))
                {
                    Note($"row {i} column {key}: expected {Show(ev)}, actual {Show(av)}");
                }
            }
        }
        Assert.True(differences == 0, $"{context}: {differences} difference(s)\n{report}");
    }

    private static string Show(string? value) => value is null ? "null" : $"\"{value}\"";
}
