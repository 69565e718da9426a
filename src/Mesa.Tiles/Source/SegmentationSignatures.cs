using Mesa.GeoParquet.Reading;

namespace Mesa.Tiles.Source;

/// <summary>The signatures of output/geoparquet/tbl_segmentation/*.parquet, by geocode group, then by code.</summary>
public static class SegmentationSignatures
{
    private static readonly string[] Columns = ["code", "name_gis_geocodegroup", "signature"];

    /// <summary>An absent folder means no group has a segmentation table.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, string?>> Read(string folder)
    {
        var result = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return result;
        var texts = new TextPool();
        foreach (var path in Directory.EnumerateFiles(folder, "*.parquet").Order(StringComparer.Ordinal))
        {
            using var reader = ParquetReader.Open(path);
            foreach (var batch in reader.ReadRowGroups(Columns))
            {
                for (var row = 0; row < batch.RowCount; row++)
                {
                    var group = ColumnValues.Text(batch["name_gis_geocodegroup"], row) ?? "";
                    if (!result.TryGetValue(group, out var signatures)) result.Add(group, signatures = new(StringComparer.Ordinal));
                    signatures[ColumnValues.Text(batch["code"], row) ?? ""] = texts.Share(ColumnValues.Text(batch["signature"], row));
                }
            }
        }
        return result;
    }
}
