using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Source;

/// <summary>The tbl_flat rows of one geocode group, in file order: their values and exterior rings.</summary>
/// <param name="hasSegmentation">Whether tbl_segmentation has a table for the group (it then gets a _seg_signatures layer).</param>
public sealed class GroupCells(string name, bool hasSegmentation = false)
{
    private FlatCellValues[] _values = [];

    /// <summary>name_gis_geocodegroup.</summary>
    public string Name { get; } = name;

    public bool HasSegmentation { get; } = hasSegmentation;

    /// <summary>Cell i's rings are those added before the i-th <see cref="EndCell"/>.</summary>
    public CellRings Rings { get; } = new();

    public int CellCount => Rings.CellCount;

    /// <summary>The cells' values, in the order of <see cref="Rings"/>.</summary>
    public ReadOnlyMemory<FlatCellValues> Values => _values.AsMemory(0, CellCount);

    /// <summary>Closes the cell whose rings were added to <see cref="Rings"/> since the previous one.</summary>
    public void EndCell(FlatCellValues values)
    {
        if (CellCount == _values.Length) Array.Resize(ref _values, Math.Max(1024, 2 * _values.Length));
        _values[CellCount] = values;
        Rings.EndCell();
    }

    /// <summary>Makes room for this many more cells, rings and points (see <see cref="CellRings.Reserve"/>).</summary>
    public void Reserve(int cells, int rings, int points)
    {
        if (CellCount + cells > _values.Length) Array.Resize(ref _values, CellCount + cells);
        Rings.Reserve(cells, rings, points);
    }

    /// <summary>Adds the cells of <paramref name="others"/> (read from later parts of the file, in order) after these.</summary>
    /// <param name="threads">The parts are copied side by side on up to this many threads.</param>
    public void Append(IReadOnlyList<GroupCells> others, int threads = 1)
    {
        Reserve(others.Sum(o => o.CellCount), 0, 0);
        var starts = new int[others.Count];
        for (var i = 1; i < others.Count; i++) starts[i] = starts[i - 1] + others[i - 1].CellCount;
        var values = _values.AsMemory(CellCount);
        Parallel.For(0, others.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
            others[i].Values.Span.CopyTo(values.Span[starts[i]..]));
        Rings.Append(others.Select(o => o.Rings).ToList(), threads);
    }
}
