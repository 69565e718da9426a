using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Reading;
using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Source;

/// <summary>
/// Reads tbl_flat.parquet into one <see cref="GroupCells"/> per name_gis_geocodegroup, groups in order of first
/// appearance, each cell with its segmentation signature looked up by code (so codes need not be kept).
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
    public static IReadOnlyList<GroupCells> Read(string path, IReadOnlyDictionary<string, Dictionary<string, string?>> signatures, CancellationToken cancellation = default)
    {
        using var reader = ParquetReader.Open(path);
        var texts = new TextPool();
        var groups = new Dictionary<string, GroupCells>(StringComparer.Ordinal);
        var ordered = new List<GroupCells>();
        foreach (var batch in reader.ReadRowGroups(Columns))
        {
            cancellation.ThrowIfCancellationRequested();
            var name = batch["name_gis_geocodegroup"];
            var code = batch["code"];
            var codeMax = batch["sensitivity_code_max"];
            var sensitivityMax = batch["sensitivity_max"];
            var groupsTotal = batch["asset_groups_total"];
            var overlapTotal = batch["assets_overlap_total"];
            var importanceMax = batch["importance_max"];
            var owa = batch["index_owa"];
            var geometry = (BinaryColumn)batch["geometry"];
            for (var row = 0; row < batch.RowCount; row++)
            {
                var groupName = ColumnValues.Text(name, row) ?? "";
                if (!groups.TryGetValue(groupName, out var group))
                {
                    group = new GroupCells(groupName, signatures.ContainsKey(groupName));
                    groups.Add(groupName, group);
                    ordered.Add(group);
                }
                var groupSignatures = signatures.GetValueOrDefault(groupName);
                if (!geometry.IsNull(row)) WkbExteriorRings.Read(geometry.GetBytes(row), group.Rings);
                group.EndCell(new FlatCellValues(
                    texts.Share(ColumnValues.Text(codeMax, row)),
                    ColumnValues.Number(sensitivityMax, row),
                    ColumnValues.Integer(groupsTotal, row),
                    ColumnValues.Integer(overlapTotal, row),
                    ColumnValues.Number(importanceMax, row),
                    ColumnValues.Integer(owa, row),
                    groupSignatures?.GetValueOrDefault(ColumnValues.Text(code, row) ?? "")));
            }
        }
        return ordered;
    }
}
