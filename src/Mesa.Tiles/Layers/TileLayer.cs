namespace Mesa.Tiles.Layers;

/// <summary>One MBTiles file of a geocode group: its name suffix, each cell's colour (0 = not drawn) and extra metadata.</summary>
/// <param name="Suffix">E.g. "sensitivity_max"; the file is <c>&lt;prefix&gt;_&lt;suffix&gt;.mbtiles</c>.</param>
/// <param name="Colours">One per cell, in the group's tbl_flat order.</param>
/// <param name="Metadata">Keys beyond the contract's common ones (the ramp layers' mesa_* keys).</param>
public sealed record TileLayer(string Suffix, string Description, uint[] Colours, IReadOnlyList<KeyValuePair<string, string>> Metadata);
