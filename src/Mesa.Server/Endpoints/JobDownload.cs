using Mesa.Server.Processing;
using Mesa.Server.Storage;

namespace Mesa.Server.Endpoints;

/// <summary>A file a finished job offers for download: its name in the signed URL, where it lies, the name a browser saves it under, and what it is for.</summary>
public sealed record JobDownload(string Name, string Purpose, Func<DataFolder, string, string> PathOf, Func<string, string> SaveAs)
{
    public static readonly JobDownload Package = new("package.zip",
        "The complete MESA project (config.ini, input/, output/ with the new results): open it with MESA's Restore backup.",
        (folder, id) => folder.Package(id), MesaBackupPackage.DownloadName);

    public static readonly JobDownload OutputsOnly = new("outputs-only.zip",
        "The results alone (output/, manifest.json, process.log) for mesa-cloud download, which unzips them over the project. "
        + "Not a backup: MESA's Restore backup would delete the project's input/ first.",
        (folder, id) => folder.Results(id), OutputsOnlyArchive.DownloadName);

    /// <summary>Package first: the one a MESA user wants.</summary>
    public static IReadOnlyList<JobDownload> All { get; } = [Package, OutputsOnly];

    public static JobDownload? Named(string name) => All.FirstOrDefault(d => d.Name == name);
}
