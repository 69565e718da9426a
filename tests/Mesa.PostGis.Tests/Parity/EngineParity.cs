using System.Globalization;
using Mesa.Processing.Workload;
using NetTopologySuite.IO;

namespace Mesa.PostGis.Tests.Parity;

/// <summary>
/// Compares the cpu engine's tbl_stacked and tbl_flat with the PostGIS reference's and fails with
/// the first differences spelled out: pairs with their EPSG:3857 intersection areas, flat rows
/// column by column.
/// </summary>
internal static class EngineParity
{
    private const int Shown = 10;

    private static readonly IComparer<StackedPair> PairOrder =
        Comparer<StackedPair>.Create((a, b) => string.CompareOrdinal(a.Code, b.Code) is var c and not 0 ? c : a.IdX.CompareTo(b.IdX));

    /// <summary>The same (code, id_x) pairs, each as often, on both sides.</summary>
    public static async Task AssertSameStackedAsync(string workloadFolder, IReadOnlyList<StackedPair> cpu, IReadOnlyList<StackedPair> postGis)
    {
        var onlyCpu = Without(cpu, postGis);
        var onlyPostGis = Without(postGis, cpu);
        if (onlyCpu.Count == 0 && onlyPostGis.Count == 0) return;

        var areas = new PairArea(MesaWorkload.Load(workloadFolder));
        var lines = new List<string>
        {
            $"tbl_stacked differs: cpu {cpu.Count} rows, PostGIS {postGis.Count}; {onlyCpu.Count} only in cpu, {onlyPostGis.Count} only in PostGIS.",
        };
        foreach (var (side, pairs) in new[] { ("only cpu", onlyCpu), ("only PostGIS", onlyPostGis) })
            foreach (var pair in pairs.Take(Shown))
                lines.Add($"  {side}: code {pair.Code}, id_x {pair.IdX}: {await areas.DescribeAsync(pair)}");
        Assert.Fail(string.Join(Environment.NewLine, lines));
    }

    /// <summary>The same codes, and per code the same 27 values: geometry as exactly equal geometry, the rest exactly.</summary>
    public static void AssertSameFlat(IReadOnlyList<string> cpuColumns, IReadOnlyList<FlatTableRow> cpu, IReadOnlyList<FlatTableRow> postGis)
    {
        Assert.Equal(FlatColumns.Names, cpuColumns);
        var cpuByCode = cpu.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var postGisByCode = postGis.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var lines = new List<string>();
        lines.AddRange(cpuByCode.Keys.Except(postGisByCode.Keys).Order(StringComparer.Ordinal).Take(Shown).Select(code => $"  code {code} only in cpu"));
        lines.AddRange(postGisByCode.Keys.Except(cpuByCode.Keys).Order(StringComparer.Ordinal).Take(Shown).Select(code => $"  code {code} only in PostGIS"));

        var differentRows = 0;
        foreach (var code in cpuByCode.Keys.Intersect(postGisByCode.Keys).Order(StringComparer.Ordinal))
        {
            var differences = ColumnDifferences(cpuByCode[code], postGisByCode[code]);
            if (differences.Count == 0) continue;
            if (differentRows++ < Shown) lines.Add($"  code {code}: {string.Join("; ", differences)}");
        }
        if (lines.Count == 0) return;
        lines.Insert(0, $"tbl_flat differs: cpu {cpu.Count} rows, PostGIS {postGis.Count}; {differentRows} rows of shared codes differ.");
        Assert.Fail(string.Join(Environment.NewLine, lines));
    }

    private static List<string> ColumnDifferences(FlatTableRow cpu, FlatTableRow postGis)
    {
        var a = FlatColumns.Values(cpu);
        var b = FlatColumns.Values(postGis);
        var differences = new List<string>();
        for (var i = 0; i < a.Length; i++)
        {
            var same = i == FlatColumns.Geometry ? SameGeometry((byte[])a[i]!, (byte[])b[i]!) : Equals(a[i], b[i]);
            if (!same) differences.Add($"{FlatColumns.Names[i]} cpu {Show(a[i])}, PostGIS {Show(b[i])}");
        }
        return differences;
    }

    private static bool SameGeometry(byte[] a, byte[] b) => new WKBReader().Read(a).EqualsExact(new WKBReader().Read(b));

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        byte[] wkb => new WKBReader().Read(wkb).ToText(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    // Multiset difference in (code, id_x) order, so the report starts at the same pairs every run.
    private static List<StackedPair> Without(IReadOnlyList<StackedPair> these, IReadOnlyList<StackedPair> those)
    {
        var remaining = those.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var result = new List<StackedPair>();
        foreach (var pair in these)
        {
            if (remaining.TryGetValue(pair, out var n) && n > 0) remaining[pair] = n - 1;
            else result.Add(pair);
        }
        result.Sort(PairOrder);
        return result;
    }
}
