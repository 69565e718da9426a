namespace Mesa.Processing.Workload;

/// <summary>
/// An unpacked MESA project folder ready for processing: its config.ini (with tbl_settings
/// overrides applied) and its input tables.
/// </summary>
/// <remarks>Not named <c>Workload</c>: that would clash with this namespace in every <c>Mesa.Processing.*</c> namespace.</remarks>
public sealed class MesaWorkload
{
    private MesaWorkload(string folder, MesaConfig config, WorkloadTables tables)
    {
        Folder = folder;
        Config = config;
        Tables = tables;
    }

    public string Folder { get; }

    /// <summary>config.ini with the tbl_settings rows applied over [DEFAULT].</summary>
    public MesaConfig Config { get; }

    public WorkloadTables Tables { get; }

    /// <summary>Reads config.ini and tbl_settings and checks that the required tables exist.</summary>
    /// <exception cref="WorkloadException">The folder, config.ini or a required table is missing, or config.ini or tbl_settings is malformed.</exception>
    public static MesaWorkload Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new WorkloadException($"The workload folder '{folder}' does not exist.");
        // The contract lists config.ini as part of every upload (MESA always has one), so its absence is an error, not a silent fallback.
        var config = MesaConfig.Load(WorkloadFiles.PathIn(folder, WorkloadFiles.Config), WorkloadFiles.Config);
        var tables = WorkloadTables.Open(folder);
        var overrides = tables.ReadSettings().Select(s => (s.Key, s.Value));
        return new MesaWorkload(folder, config.WithOverrides(overrides, WorkloadFiles.Settings), tables);
    }

    /// <summary>
    /// The checks to pass before any processing starts: config.ini names MESA 5.6 (or no version)
    /// and an area projection this server computes, required tables present and readable with
    /// the needed columns, types and CRS, and at least one asset group whose sensitivity can be
    /// computed (importance and susceptibility both in 1..5).
    /// </summary>
    /// <returns>The asset groups, read for the check, so that a run need not read them again.</returns>
    /// <exception cref="WorkloadException">The first check that fails, in words for the user.</exception>
    public IReadOnlyList<AssetGroup> Preflight()
    {
        MesaVersion.Check(Config.MesaVersion, WorkloadFiles.Config);
        AreaProjection.Check(Config);
        WorkloadTables.Open(Folder).Validate();
        var groups = Tables.ReadAssetGroups();
        if (!groups.Any(g => g.IsAssessed))
            throw new WorkloadException(
                $"{WorkloadFiles.AssetGroup}: sensitivity cannot be computed: none of the {groups.Count} asset groups has both importance and susceptibility in 1..5. " +
                "Set them in MESA's parameter tool before processing.");
        return groups;
    }
}
