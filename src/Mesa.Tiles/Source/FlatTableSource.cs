using System.Runtime.ExceptionServices;
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
        var parts = new IReadOnlyList<GroupCells>[reader.RowGroupCount];
        var failures = new Exception?[parts.Length];
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellation }, rowGroup =>
        {
            try
            {
                parts[rowGroup] = ReadRowGroup(reader.ReadRowGroup(rowGroup, Columns), signatures);
            }
            catch (Exception e)
            {
                failures[rowGroup] = e;
            }
        });
        // The earliest row group's error is reported, as a sequential read would.
        if (failures.FirstOrDefault(f => f is not null) is { } failure) ExceptionDispatchInfo.Throw(failure);
        return Join(parts);
    }

    private static List<GroupCells> ReadRowGroup(RowBatch batch, IReadOnlyDictionary<string, Dictionary<string, string?>> signatures)
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
        var rowGroups = new GroupCells[batch.RowCount];
        var sizes = new Dictionary<GroupCells, (int Cells, long WkbBytes)>();
        for (var row = 0; row < batch.RowCount; row++)
        {
            var groupName = texts.Share(name, row) ?? "";
            if (!groups.TryGetValue(groupName, out var group))
            {
                group = new GroupCells(groupName, signatures.ContainsKey(groupName));
                groups.Add(groupName, group);
                ordered.Add(group);
            }
            rowGroups[row] = group;
            var (cells, wkbBytes) = sizes.GetValueOrDefault(group);
            sizes[group] = (cells + 1, wkbBytes + (geometry.IsNull(row) ? 0 : geometry.GetBytes(row).Length));
        }
        foreach (var (group, (cells, wkbBytes)) in sizes) group.Reserve(cells, cells, (int)Math.Min(Array.MaxLength, wkbBytes / 16));
        for (var row = 0; row < batch.RowCount; row++)
        {
            var group = rowGroups[row];
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
    private static List<GroupCells> Join(IReadOnlyList<GroupCells>[] parts)
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
            group.Reserve(pieces.Sum(p => p.CellCount), pieces.Sum(p => p.Rings.RingCount), pieces.Sum(p => p.Rings.PointCount));
            foreach (var piece in pieces) group.Append(piece);
            joined.Add(group);
        }
        return joined;
    }
}
