namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Where a GeoArrow geometry column's coordinates live and how its definition levels read:
/// <paramref name="GeometryDefined"/> is the level from which the row's geometry is not null,
/// <paramref name="ListDefined"/>[k] / <paramref name="ElementPresent"/>[k] (k = 1..depth) the levels from which
/// the list at nesting k exists / holds an element, and <paramref name="CoordinateDefined"/> the level of a present x.
/// </summary>
internal sealed record GeoArrowLayout(
    Geo.GeoArrowEncoding Encoding,
    int XLeaf,
    int YLeaf,
    short GeometryDefined,
    short[] ListDefined,
    short[] ElementPresent,
    short CoordinateDefined)
{
    public int Depth => ListDefined.Length - 1;
}
