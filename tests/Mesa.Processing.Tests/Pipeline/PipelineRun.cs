using Mesa.Processing.Pipeline;
using Mesa.Processing.Tests.Workload;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Pipeline;

/// <summary>Runs the whole pipeline on a test workload into a temporary folder and reads the outputs back.</summary>
internal sealed class PipelineRun : IDisposable
{
    private PipelineRun(string folder, ProcessingReport report)
    {
        Folder = folder;
        Report = report;
    }

    public string Folder { get; }

    public ProcessingReport Report { get; }

    public static PipelineRun Of(TestWorkloadBuilder workload, int threads = 2)
    {
        var folder = Directory.CreateTempSubdirectory("mesa-pipeline-").FullName;
        workload.Build(folder);
        return new PipelineRun(folder, ProcessingPipeline.Run(MesaWorkload.Load(folder), new ProcessingOptions { Threads = threads }));
    }

    public List<Dictionary<string, object?>> Flat() => OutputTable.Read(OutputTable.Path(Folder, OutputFiles.Flat));

    public Dictionary<string, Dictionary<string, object?>> FlatByCode() => Flat().ToDictionary(r => (string)r["code"]!);

    public List<Dictionary<string, object?>> Stacked() => OutputTable.ReadFolder(OutputTable.Path(Folder, OutputFiles.StackedFolder));

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
