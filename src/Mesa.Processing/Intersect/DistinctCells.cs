using Mesa.Processing.Workload;

namespace Mesa.Processing.Intersect;

/// <summary>
/// The cells intersect evaluates (spec section 4): tbl_geocode_object in order, a repeated
/// (code, name_gis_geocodegroup) skipped, each with its row number.
/// </summary>
public sealed class DistinctCells(WorkloadTables tables)
{
    /// <summary>Rows in tbl_geocode_object, duplicates included, from its metadata.</summary>
    public long Total { get; } = tables.CountGeocodeObjects();

    /// <summary>Rows read so far, duplicates included.</summary>
    public long Rows { get; private set; }

    /// <summary>Rows skipped so far because an earlier cell had the same (code, name_gis_geocodegroup).</summary>
    public long Duplicates { get; private set; }

    public IEnumerable<(long Index, GeocodeObject Cell)> Read()
    {
        // Sized for every row at once: growing it step by step allocated and copied its whole table each time.
        var seen = new HashSet<(string Code, string Group)>((int)Math.Min(Total, Array.MaxLength));
        foreach (var batch in tables.ReadGeocodeObjects())
        {
            foreach (var cell in batch)
            {
                var index = Rows++;
                if (seen.Add((cell.Code, cell.NameGisGeocodeGroup))) yield return (index, cell);
                else Duplicates++;
            }
        }
    }
}
