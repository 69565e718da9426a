using Mesa.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Storage;

/// <summary>The local-disk layout under <see cref="MesaOptions.DataFolder"/>: state, keys, mail pickup and one folder per job.</summary>
public sealed class DataFolder
{
    public DataFolder(IOptions<MesaOptions> options)
    {
        Root = Path.GetFullPath(options.Value.DataFolder);
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Keys);
        Directory.CreateDirectory(Jobs);
    }

    public string Root { get; }
    public string StateDatabase => Path.Combine(Root, "state.db");
    public string Keys => Path.Combine(Root, "keys");
    public string Mail => Path.Combine(Root, "mail");
    public string Jobs => Path.Combine(Root, "jobs");

    public string JobFolder(string jobId) => Path.Combine(Jobs, JobIds.Require(jobId));
    public string Upload(string jobId) => Path.Combine(JobFolder(jobId), "upload.zip");

    /// <summary>The bytes of a resumable upload received so far; moved to <see cref="Upload"/> once its checksum is confirmed.</summary>
    public string PartialUpload(string jobId) => Path.Combine(JobFolder(jobId), "upload.zip.chunks");
    public string Workload(string jobId) => Path.Combine(JobFolder(jobId), "workload");
    public string Output(string jobId) => Path.Combine(JobFolder(jobId), "output");
    /// <summary>The outputs-only download (output/, manifest.json, process.log).</summary>
    public string Results(string jobId) => Path.Combine(JobFolder(jobId), "results.zip");

    /// <summary>The complete MESA package, built when the upload was a MESA backup.</summary>
    public string Package(string jobId) => Path.Combine(JobFolder(jobId), "package.zip");

    /// <summary>Where run number <paramref name="run"/> writes its outputs before they are moved to <see cref="Output"/> in one rename.</summary>
    public string Attempt(string jobId, long run) => Path.Combine(JobFolder(jobId), $"run-{run}");
}
