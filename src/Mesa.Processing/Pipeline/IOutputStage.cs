using Mesa.Processing.Workload;

namespace Mesa.Processing.Pipeline;

/// <summary>
/// A stage that works from the tables the pipeline has written and runs after segment (tiles). It
/// lives in another assembly, so callers plug it in through <see cref="ProcessingOptions.OutputStages"/>;
/// the files it writes must lie in a folder the manifest lists (<see cref="OutputFiles"/>).
/// </summary>
public interface IOutputStage
{
    string Name { get; }

    void Run(string outputFolder, MesaConfig config, int threads, IProgress<StageProgress>? progress, CancellationToken cancellation);
}
