using Mesa.Processing.Pipeline;
using Mesa.Processing.Workload;

namespace Mesa.Server.Uploads;

/// <summary>
/// What the members of a MESA backup archive are to us (mesa.py <c>create_backup_archive</c> and
/// <c>restore_backup_archive</c>; docs/mesa-processing.md section 11). MESA's restore deletes <c>input/</c> and
/// <c>output/</c> before extracting, so a package we return must carry both in full.
/// </summary>
public static class MesaBackupLayout
{
    public const string InputFolder = "input/";
    private const string OutputFolder = "output/";
    private const string QgisFolder = "qgis/";
    private const string CacheFolder = "output/cache/";
    private const string PipelineLock = ".pipeline.lock";

    // Results a job writes: their stale copies from the upload go, the new ones take their place. Tiles are drawn from
    // tbl_flat, so every uploaded tile set is stale once tbl_flat is replaced.
    private static readonly string[] ReplacedTables = [OutputFiles.StackedFolder, Strip(OutputFiles.Flat), Strip(OutputFiles.DataExtent),
        OutputFiles.SegmentationFolder, Strip(OutputFiles.SegmentationProfiles)];

    /// <summary>An archive holding input data is a MESA backup: restoring what we return must give that data back.</summary>
    public static bool IsBackup(IEnumerable<string> memberNames) => memberNames.Any(n => n.StartsWith(InputFolder, StringComparison.Ordinal) && !n.EndsWith('/'));

    /// <summary>
    /// Whether an uploaded member goes into the returned package unchanged: config.ini, input/, qgis/ and the outputs
    /// the job does not replace. MESA never backs up its basemap cache or pipeline lock; secrets/ (an AI token MESA
    /// ships only on request) is not returned, and a restore leaves the user's own copy in place.
    /// </summary>
    public static bool KeptInPackage(string name)
    {
        if (name.EndsWith('/') || Path.GetFileName(name) == PipelineLock) return false;
        if (name == WorkloadFiles.Config || name.StartsWith(InputFolder, StringComparison.Ordinal) || name.StartsWith(QgisFolder, StringComparison.Ordinal)) return true;
        if (!name.StartsWith(OutputFolder, StringComparison.Ordinal) || name.StartsWith(CacheFolder, StringComparison.Ordinal)) return false;
        if (name == OutputFiles.AreaStats || name.StartsWith(OutputFiles.MbtilesFolder + "/", StringComparison.Ordinal)) return false;
        return !ReplacedTables.Any(table => name == table + ".parquet" || name.StartsWith(table + "/", StringComparison.Ordinal));
    }

    /// <summary>
    /// The steps MESA needs before its backup can be processed, when the archive lacks the tables Process reads (an
    /// input-only backup), else null.
    /// </summary>
    public static string? MissingSteps(IReadOnlySet<string> memberNames)
    {
        var missing = WorkloadFiles.RequiredTables.Where(t => !memberNames.Contains(t)).ToArray();
        if (missing.Length < WorkloadFiles.RequiredTables.Count) return null;
        return "The archive holds no processed MESA tables (" + string.Join(", ", missing) + " are missing): it looks like a backup of input data only. "
            + "In MESA, first: 1. import the assets (Prepare data > Assets); 2. set importance and susceptibility for the asset groups "
            + "(Configure > Parameters); 3. create the geocodes (Prepare data > Geocodes). Then make a backup with the databases included and upload that.";
    }

    private static string Strip(string parquetFile) => parquetFile[..^".parquet".Length];
}
