using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Reading;
using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Source;

/// <summary>Reads tbl_flat.parquet into one <see cref="GroupCells"/> per name_gis_geocodegroup, groups in order of first appearance.</summary>
public static class FlatTableSource
{
    private static readonly string[] Columns =
    [
        "name_gis_geocodegroup", "code", "sensitivity_code_max", "sensitivity_max", "asset_groups_total",
        "assets_overlap_total", "importance_max", "index_owa", "geometry",
    ];

    /// <exception cref="Mesa.GeoParquet.ParquetFormatException">The file is missing, unreadable or lacks a column.</exception>
    public static IReadOnlyList<GroupCells> Read(string path, CancellationToken cancellation = default)
    {
        using var reader = ParquetReader.Open(path);
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
                    group = new GroupCells(groupName);
                    groups.Add(groupName, group);
                    ordered.Add(group);
                }
                if (!geometry.IsNull(row)) WkbExteriorRings.Read(geometry.GetBytes(row), group.Rings);
                group.EndCell(new FlatCellValues(
                    ColumnValues.Text(code, row) ?? "",
                    ColumnValues.Text(codeMax, row),
                    ColumnValues.Number(sensitivityMax, row),
                    ColumnValues.Integer(groupsTotal, row),
                    ColumnValues.Integer(overlapTotal, row),
                    ColumnValues.Number(importanceMax, row),
                    ColumnValues.Integer(owa, row)));
            }
        }
        return ordered;
    }
}
