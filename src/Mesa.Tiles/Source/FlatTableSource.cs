using Mesa.GeoParquet.Reading;

namespace Mesa.Tiles.Source;

/// <summary>
/// Reads tbl_flat.parquet into one <see cref="GroupCells"/> per name_gis_geocodegroup, groups in order of first
/// appearance, each cell with its segmentation signature looked up by code (so codes need not be kept).
/// Two passes over slices of the row groups, all on every thread: the first decodes the columns and counts each
/// group's cells, rings and points, so every group's storage is allocated once at its final size; the second writes
/// each slice's cells straight into their places there.
/// </summary>
public static class FlatTableSource
{
    private static readonly string[] Columns =
    [
        "name_gis_geocodegroup", "sensitivity_code_max", "sensitivity_max", "asset_groups_total",
        "assets_overlap_total", "importance_max", "index_owa", "geometry",
    ];

    // code only finds a cell's segmentation signature.
    private static readonly string[] ColumnsWithCode = [.. Columns, "code"];

    /// <exception cref="Mesa.GeoParquet.ParquetFormatException">The file is missing, unreadable or lacks a column.</exception>
    /// <param name="signatures">Segmentation signatures by group, then code (<see cref="SegmentationSignatures"/>).</param>
    public static IReadOnlyList<GroupCells> Read(string path, IReadOnlyDictionary<string, Dictionary<string, string?>> signatures, int threads = 1,
        CancellationToken cancellation = default)
    {
        using var reader = ParquetReader.Open(path);
        threads = Math.Max(1, threads);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };
        // Row groups are read side by side, and so are each one's columns and row slices: a file of few row groups
        // (or one left over at the end) still keeps every thread busy.
        var parts = new FlatSlice[reader.RowGroupCount][];
        InOrderParallel.For(parts.Length, parallel, rowGroup =>
        {
            var batch = reader.ReadRowGroup(rowGroup, signatures.Count == 0 ? Columns : ColumnsWithCode, threads);
            var slices = parts[rowGroup] = new FlatSlice[Math.Min(threads, Math.Max(1, batch.RowCount))];
            InOrderParallel.For(slices.Length, parallel, slice =>
                slices[slice] = FlatSlice.Count(batch, batch.RowCount * slice / slices.Length, batch.RowCount * (slice + 1) / slices.Length));
        });
        var all = parts.SelectMany(p => p).ToArray();
        var groups = Allocate(all, signatures);
        InOrderParallel.For(all.Length, parallel, slice => all[slice].Write(signatures));
        return groups;
    }

    // Groups in order of first appearance (the slices' own orders preserve it), each sized to all its slices' cells,
    // and every slice told where its cells of each group go.
    private static List<GroupCells> Allocate(FlatSlice[] slices, IReadOnlyDictionary<string, Dictionary<string, string?>> signatures)
    {
        var totals = new Dictionary<string, (int Cells, int Rings, int Points)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var slice in slices)
        {
            foreach (var (_, name, counts) in slice.Groups)
            {
                if (!totals.TryGetValue(name, out var total)) order.Add(name);
                totals[name] = (total.Cells + counts.Cells, checked(total.Rings + counts.Rings), checked(total.Points + counts.Points));
            }
        }
        var groups = order.ToDictionary(name => name, name =>
        {
            var (cells, rings, points) = totals[name];
            return new GroupCells(name, signatures.ContainsKey(name), cells, rings, points);
        }, StringComparer.Ordinal);
        var next = order.ToDictionary(name => name, _ => (Cells: 0, Rings: 0, Points: 0), StringComparer.Ordinal);
        foreach (var slice in slices)
        {
            foreach (var (index, name, counts) in slice.Groups)
            {
                var at = next[name];
                slice.Place(index, groups[name], at);
                next[name] = (at.Cells + counts.Cells, at.Rings + counts.Rings, at.Points + counts.Points);
            }
        }
        return order.Select(name => groups[name]).ToList();
    }
}
