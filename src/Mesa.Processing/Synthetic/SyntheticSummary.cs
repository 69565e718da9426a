using NetTopologySuite.Geometries;

namespace Mesa.Processing.Synthetic;

/// <summary>What <see cref="SyntheticWorkload.Generate"/> wrote.</summary>
/// <param name="GeocodeGroup">The geocode layer's <c>name_gis_geocodegroup</c>, e.g. <c>hex_250m</c>.</param>
/// <param name="CellMetres">Across-flats width of the hexagons (see <see cref="Grids.HexGrid"/>).</param>
/// <param name="Region">The lon/lat box every asset lies in and the cells cover.</param>
/// <param name="TableBytes">Each written table (file name without extension) and its size, in writing order.</param>
public sealed record SyntheticSummary(
    int Groups,
    int UnassessedGroups,
    long Objects,
    long Cells,
    string GeocodeGroup,
    double CellMetres,
    Envelope Region,
    IReadOnlyList<KeyValuePair<string, long>> TableBytes)
{
    public long TotalBytes => TableBytes.Sum(t => t.Value);
}
