using Mesa.GeoParquet.Columns;
using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Source;

/// <summary>
/// A run of tbl_flat rows within one decoded row group, read in two passes by <see cref="FlatTableSource"/>:
/// <see cref="Count"/> finds each row's group and each group's cells, rings and points; once every group's storage is
/// allocated and the slice has its places there (<see cref="Place"/>), <see cref="Write"/> fills them.
/// </summary>
internal sealed class FlatSlice
{
    private readonly RowBatch _batch;
    private readonly int _start;
    private readonly int _end;
    private readonly TextPool _texts;
    // Per row, the index of its group in _names.
    private readonly int[] _groupOfRow;
    private readonly List<string> _names;
    private readonly (int Cells, int Rings, int Points)[] _counts;
    private readonly (GroupCells Group, int Cell, int Ring, int Point)[] _places;

    private FlatSlice(RowBatch batch, int start, int end, TextPool texts, int[] groupOfRow, List<string> names, (int, int, int)[] counts)
    {
        (_batch, _start, _end, _texts, _groupOfRow, _names, _counts) = (batch, start, end, texts, groupOfRow, names, counts);
        _places = new (GroupCells, int, int, int)[names.Count];
    }

    /// <summary>The slice's groups in order of first appearance (their index here), with how many cells, rings and points each has here.</summary>
    public IEnumerable<(int Index, string Name, (int Cells, int Rings, int Points) Counts)> Groups => _names.Select((name, i) => (i, name, _counts[i]));

    /// <summary>Rows start..end of the batch: their groups and the sizes of their rings, without reading a coordinate.</summary>
    /// <exception cref="Mesa.GeoParquet.ParquetFormatException">A geometry is not WKB.</exception>
    public static FlatSlice Count(RowBatch batch, int start, int end)
    {
        var texts = new TextPool();
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var counts = new List<(int Cells, int Rings, int Points)>();
        var name = batch["name_gis_geocodegroup"];
        var geometry = (BinaryColumn)batch["geometry"];
        var groupOfRow = new int[end - start];
        for (var row = start; row < end; row++)
        {
            var groupName = texts.Share(name, row) ?? "";
            if (!indexes.TryGetValue(groupName, out var index))
            {
                indexes.Add(groupName, index = names.Count);
                names.Add(groupName);
                counts.Add(default);
            }
            groupOfRow[row - start] = index;
            var rings = new RingCounts();
            if (!geometry.IsNull(row)) WkbExteriorRings.Read(geometry.GetBytes(row), ref rings);
            var (cells, ringCount, points) = counts[index];
            counts[index] = (cells + 1, checked(ringCount + rings.Rings), checked(points + rings.Points));
        }
        return new FlatSlice(batch, start, end, texts, groupOfRow, names, [.. counts]);
    }

    /// <summary>Where this slice's cells of a group go: their first cell, ring and point in the group's storage.</summary>
    /// <param name="index">The group's index in <see cref="Groups"/>.</param>
    public void Place(int index, GroupCells group, (int Cells, int Rings, int Points) at) => _places[index] = (group, at.Cells, at.Rings, at.Points);

    /// <summary>Writes every row's values and rings into its group's storage.</summary>
    public void Write(IReadOnlyDictionary<string, Dictionary<string, string?>> signatures)
    {
        var codeMax = _batch["sensitivity_code_max"];
        var sensitivityMax = _batch["sensitivity_max"];
        var groupsTotal = _batch["asset_groups_total"];
        var overlapTotal = _batch["assets_overlap_total"];
        var importanceMax = _batch["importance_max"];
        var owa = _batch["index_owa"];
        var geometry = (BinaryColumn)_batch["geometry"];
        var writers = _places.Select(p => p.Group.Rings.WriterAt(p.Cell, p.Ring, p.Point)).ToArray();
        var groupSignatures = _names.Select(n => signatures.GetValueOrDefault(n)).ToArray();
        // Read only when some group here has signatures (FlatTableSource reads the column only then).
        var code = groupSignatures.Any(s => s is not null) ? _batch["code"] : null;
        for (var row = _start; row < _end; row++)
        {
            var index = _groupOfRow[row - _start];
            ref var writer = ref writers[index];
            var cell = writer.Cell;
            if (!geometry.IsNull(row)) WkbExteriorRings.Read(geometry.GetBytes(row), ref writer);
            writer.EndCell();
            _places[index].Group.ValueSlots[cell] = new FlatCellValues(
                _texts.Share(codeMax, row),
                ColumnValues.Number(sensitivityMax, row),
                ColumnValues.Integer(groupsTotal, row),
                ColumnValues.Integer(overlapTotal, row),
                ColumnValues.Number(importanceMax, row),
                ColumnValues.Integer(owa, row),
                groupSignatures[index]?.GetValueOrDefault(ColumnValues.Text(code!, row) ?? ""));
        }
        for (var i = 0; i < writers.Length; i++) _places[i].Group.Rings.Include(writers[i]);
    }
}
