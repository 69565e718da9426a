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

    /// <summary>Adds the cells of <paramref name="other"/> (read from a later part of the file) after these.</summary>
    public void Append(GroupCells other)
    {
        Reserve(other.CellCount, other.Rings.RingCount, other.Rings.PointCount);
        other.Values.Span.CopyTo(_values.AsSpan(CellCount));
        Rings.Append(other.Rings);
    }
}
