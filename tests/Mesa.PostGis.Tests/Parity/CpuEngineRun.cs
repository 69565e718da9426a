using Mesa.GeoParquet.Reading;
using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;

namespace Mesa.PostGis.Tests.Parity;

/// <summary>
/// The cpu engine's answer for a workload: the whole pipeline run into a temporary folder, with
/// tbl_stacked read back as (code, id_x) pairs and tbl_flat as <see cref="FlatTableRow"/>s, the
/// shapes the PostGIS reference returns.
/// </summary>
internal sealed class CpuEngineRun
{
    private CpuEngineRun(double dataExtentKm2, IReadOnlyList<StackedPair> stacked, IReadOnlyList<string> flatColumnNames, IReadOnlyList<FlatTableRow> flat)
    {
        DataExtentKm2 = dataExtentKm2;
        Stacked = stacked;
        FlatColumnNames = flatColumnNames;
        Flat = flat;
    }

    /// <summary>tbl_data_extent's area_km2.</summary>
    public double DataExtentKm2 { get; }

    public IReadOnlyList<StackedPair> Stacked { get; }

    /// <summary>tbl_flat's column names as written, in order.</summary>
    public IReadOnlyList<string> FlatColumnNames { get; }

    public IReadOnlyList<FlatTableRow> Flat { get; }

    public static CpuEngineRun Of(string workloadFolder)
    {
        var output = Directory.CreateTempSubdirectory("mesa-parity-cpu-").FullName;
        try
        {
            var report = ProcessingPipeline.Run(MesaWorkload.Load(workloadFolder), new ProcessingOptions { OutputFolder = output });
            var flatPath = OutputFiles.PathIn(output, OutputFiles.Flat);
            return new CpuEngineRun(report.DataExtentKm2, ReadStacked(OutputFiles.PathIn(output, OutputFiles.StackedFolder)), ReadColumnNames(flatPath), ReadFlat(flatPath));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static List<StackedPair> ReadStacked(string folder)
    {
        var pairs = new List<StackedPair>();
        foreach (var part in Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal))
        {
            using var reader = ParquetReader.Open(part);
            foreach (var batch in reader.ReadRowGroups(["code", "id_x"]))
            {
                var code = batch.Columns.Single(c => c.Name == "code");
                var id = batch.Columns.Single(c => c.Name == "id_x");
                for (var row = 0; row < batch.RowCount; row++)
                    pairs.Add(new StackedPair((string)code.GetValue(row)!, (long)id.GetValue(row)!));
            }
        }
        return pairs;
    }

    private static List<string> ReadColumnNames(string path)
    {
        using var reader = ParquetReader.Open(path);
        return reader.Schema.Columns.Select(c => c.Name).ToList();
    }

    private static List<FlatTableRow> ReadFlat(string path)
    {
        using var reader = ParquetReader.Open(path);
        var rows = new List<FlatTableRow>();
        foreach (var batch in reader.ReadRowGroups(FlatColumns.Names))
        {
            var columns = FlatColumns.Names.Select(name => batch.Columns.Single(c => c.Name == name)).ToArray();
            for (var row = 0; row < batch.RowCount; row++)
                rows.Add(FlatColumns.Row(columns.Select(c => c.GetValue(row)).ToArray()));
        }
        return rows;
    }
}
