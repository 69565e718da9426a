using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Reading;
using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Source;

/// <summary>
/// Reads tbl_flat.parquet into one <see cref="GroupCells"/> per name_gis_geocodegroup, groups in order of first
/// appearance, each cell with its segmentation signature looked up by code (so codes need not be kept).
/// Row groups are decoded on all threads, then joined in file order.
/// </summary>
public static class FlatTableSource
{
    private static readonly string[] Columns =
    [
        "name_gis_geocodegroup", "code", "sensitivity_code_max", "sensitivity_max", "asset_groups_total",
        "assets_overlap_total", "importance_max", "index_owa", "geometry",
    ];

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
        var parts = new IReadOnlyList<GroupCells>[reader.RowGroupCount][];
        InOrderParallel.For(parts.Length, parallel, rowGroup =>
        {
            var batch = reader.ReadRowGroup(rowGroup, Columns, threads);
            var slices = parts[rowGroup] = new IReadOnlyList<GroupCells>[Math.Min(threads, Math.Max(1, batch.RowCount))];
            InOrderParallel.For(slices.Length, parallel, slice =>
                slices[slice] = ReadRows(batch, batch.RowCount * slice / slices.Length, batch.RowCount * (slice + 1) / slices.Length, signatures));
        });
        return Join(parts.SelectMany(p => p).ToArray(), threads);
    }

    // Rows start..end of the batch.
    private static List<GroupCells> ReadRows(RowBatch batch, int start, int end, IReadOnlyDictionary<string, Dictionary<string, string?>> signatures)
    {
        var texts = new TextPool();
        var groups = new Dictionary<string, GroupCells>(StringComparer.Ordinal);
        var ordered = new List<GroupCells>();
        var name = batch["name_gis_geocodegroup"];
        var code = batch["code"];
        var codeMax = batch["sensitivity_code_max"];
        var sensitivityMax = batch["sensitivity_max"];
        var groupsTotal = batch["asset_groups_total"];
        var overlapTotal = batch["assets_overlap_total"];
        var importanceMax = batch["importance_max"];
        var owa = batch["index_owa"];
        var geometry = (BinaryColumn)batch["geometry"];
        // Each group's arrays are sized up front (cells, and points from the WKB bytes: 16 or more a point), so
        // they are not grown, copied and paged in again as rows stream in.
        var groupOfRow = new GroupCells[end - start];
        var sizes = new Dictionary<GroupCells, (int Cells, long WkbBytes)>();
        for (var row = start; row < end; row++)
        {
            var groupName = texts.Share(name, row) ?? "";
            if (!groups.TryGetValue(groupName, out var group))
            {
                group = new GroupCells(groupName, signatures.ContainsKey(groupName));
                groups.Add(groupName, group);
                ordered.Add(group);
            }
            groupOfRow[row - start] = group;
            var (cells, wkbBytes) = sizes.GetValueOrDefault(group);
            sizes[group] = (cells + 1, wkbBytes + (geometry.IsNull(row) ? 0 : geometry.GetBytes(row).Length));
        }
        foreach (var (group, (cells, wkbBytes)) in sizes) group.Reserve(cells, cells, (int)Math.Min(Array.MaxLength, wkbBytes / 16));
        for (var row = start; row < end; row++)
        {
            var group = groupOfRow[row - start];
            var groupSignatures = signatures.GetValueOrDefault(group.Name);
            if (!geometry.IsNull(row)) WkbExteriorRings.Read(geometry.GetBytes(row), group.Rings);
            group.EndCell(new FlatCellValues(
                texts.Share(codeMax, row),
                ColumnValues.Number(sensitivityMax, row),
                ColumnValues.Integer(groupsTotal, row),
                ColumnValues.Integer(overlapTotal, row),
                ColumnValues.Number(importanceMax, row),
                ColumnValues.Integer(owa, row),
                groupSignatures?.GetValueOrDefault(ColumnValues.Text(code, row) ?? "")));
        }
        return ordered;
    }

    // Each group's parts in file order; groups in order of first appearance, which the row groups' own orders preserve.
    private static List<GroupCells> Join(IReadOnlyList<GroupCells>[] parts, int threads)
    {
        var byName = parts.SelectMany(p => p).GroupBy(g => g.Name, StringComparer.Ordinal);
        var joined = new List<GroupCells>();
        foreach (var pieces in byName)
        {
            var first = pieces.First();
            if (pieces.Count() == 1)
            {
                joined.Add(first);
                continue;
            }
            var group = new GroupCells(first.Name, first.HasSegmentation);
            group.Append(pieces.ToList(), threads);
            joined.Add(group);
        }
        return joined;
    }
}
