namespace Mesa.Processing.Flatten;

/// <summary>
/// The <c>area_m2</c> that backfill adds to every tbl_stacked row (spec section 6): the cell's
/// tbl_flat area matched on code, null when the cell was dropped as a sliver.
/// </summary>
public sealed class BackfillAreas(double sliverMinAreaM2 = SliverRule.DefaultMinAreaM2)
{
    private readonly Dictionary<string, long> _areaByCode = new(StringComparer.Ordinal);

    /// <summary>Records a flattened cell's area; slivers are left out so they read back null.</summary>
    public void Record(string code, long areaM2)
    {
        if (!SliverRule.IsSliver(areaM2, sliverMinAreaM2))
        {
            _areaByCode[code] = areaM2;
        }
    }

    public long? AreaFor(string code) => _areaByCode.TryGetValue(code, out long area) ? area : null;
}
