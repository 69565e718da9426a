using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Source;

/// <summary>The tbl_flat rows of one geocode group, in file order: their values and exterior rings.</summary>
public sealed class GroupCells
{
    private FlatCellValues[] _values;

    /// <param name="hasSegmentation">Whether tbl_segmentation has a table for the group (it then gets a _seg_signatures layer).</param>
    public GroupCells(string name, bool hasSegmentation = false) : this(name, hasSegmentation, new CellRings(), [])
    {
    }

    /// <summary>Storage for exactly this many cells, rings and points, filled through <see cref="ValueSlots"/> and <see cref="CellRings.WriterAt"/>.</summary>
    internal GroupCells(string name, bool hasSegmentation, int cells, int rings, int points)
        : this(name, hasSegmentation, CellRings.Allocate(cells, rings, points), new FlatCellValues[cells])
    {
    }

    private GroupCells(string name, bool hasSegmentation, CellRings rings, FlatCellValues[] values)
    {
        Name = name;
        HasSegmentation = hasSegmentation;
        Rings = rings;
        _values = values;
    }

    /// <summary>name_gis_geocodegroup.</summary>
    public string Name { get; }

    public bool HasSegmentation { get; }

    /// <summary>Cell i's rings are those added before the i-th <see cref="EndCell"/>.</summary>
    public CellRings Rings { get; }

    public int CellCount => Rings.CellCount;

    /// <summary>The cells' values, in the order of <see cref="Rings"/>.</summary>
    public ReadOnlyMemory<FlatCellValues> Values => _values.AsMemory(0, CellCount);

    /// <summary>Every cell's values, to be written where the cells are (storage sized up front).</summary>
    internal Span<FlatCellValues> ValueSlots => _values;

    /// <summary>Closes the cell whose rings were added to <see cref="Rings"/> since the previous one.</summary>
    public void EndCell(FlatCellValues values)
    {
        if (CellCount == _values.Length) Array.Resize(ref _values, Math.Max(1024, 2 * _values.Length));
        _values[CellCount] = values;
        Rings.EndCell();
    }
}
