using Mesa.Tiles.Collections;
using Mesa.Tiles.Geometry;

namespace Mesa.Tiles.Source;

/// <summary>The tbl_flat rows of one geocode group, in file order: their values and exterior rings.</summary>
/// <param name="hasSegmentation">Whether tbl_segmentation has a table for the group (it then gets a _seg_signatures layer).</param>
public sealed class GroupCells(string name, bool hasSegmentation = false)
{
    private readonly BlockList<FlatCellValues> _values = new();

    /// <summary>name_gis_geocodegroup.</summary>
    public string Name { get; } = name;

    public bool HasSegmentation { get; } = hasSegmentation;

    /// <summary>Cell i's rings are those added before the i-th <see cref="EndCell"/>.</summary>
    public CellRings Rings { get; } = new();

    public IReadOnlyList<FlatCellValues> Values => _values;

    /// <summary>Closes the cell whose rings were added to <see cref="Rings"/> since the previous one.</summary>
    public void EndCell(FlatCellValues values)
    {
        Rings.EndCell();
        _values.Add(values);
    }
}
