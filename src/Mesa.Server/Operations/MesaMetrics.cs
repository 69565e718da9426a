using System.Diagnostics.Metrics;
using Mesa.Server.Cluster;
using Mesa.Server.Storage;

namespace Mesa.Server.Operations;

/// <summary>
/// The server's own meter (<c>Mesa.Server</c>): stage and job durations, queue wait and length, jobs by outcome, upload
/// bytes, errors and, on a node with a GPU, how busy each GPU is. Exported with ASP.NET Core's, the runtime's, Npgsql's and Orleans' meters (<see cref="Telemetry"/>).
/// </summary>
public sealed class MesaMetrics : IDisposable
{
    public const string MeterName = "Mesa.Server";

    private readonly Meter _meter;
    private readonly Histogram<double> _stageSeconds;
    private readonly Histogram<double> _jobSeconds;
    private readonly Histogram<double> _queueWaitSeconds;
    private readonly Counter<long> _jobsEnded;
    private readonly Counter<long> _uploadBytes;
    private readonly Counter<long> _errors;

    public MesaMetrics(IMeterFactory meters, JobRepository jobs, LocalNode node, GpuLoad gpus)
    {
        _meter = meters.Create(MeterName);
        _stageSeconds = _meter.CreateHistogram<double>("mesa.job.stage.duration", "s", "Seconds one stage of a job's run took");
        _jobSeconds = _meter.CreateHistogram<double>("mesa.job.duration", "s", "Seconds from a run's start to the job's end");
        _queueWaitSeconds = _meter.CreateHistogram<double>("mesa.job.queue.wait", "s", "Seconds a job waited in the queue before a run started");
        _jobsEnded = _meter.CreateCounter<long>("mesa.jobs.ended", "{job}", "Jobs that ended, by outcome");
        _uploadBytes = _meter.CreateCounter<long>("mesa.upload.bytes", "By", "Bytes of workloads uploaded");
        _errors = _meter.CreateCounter<long>("mesa.errors", "{error}", "Unexpected errors, by where they happened");
        // Read from the shared store, so every node reports the cluster's queue.
        _meter.CreateObservableGauge("mesa.queue.length", () => (long)jobs.Queued().Count, "{job}", "Jobs waiting in the queue");
        if (!node.Gpu) return;
        _meter.CreateObservableGauge("mesa.gpu.utilization", () => gpus.Current().Select(g => new Measurement<double>(g.Utilization, GpuTags(g))), "1",
            "Fraction of the last sample period in which a kernel ran on the GPU (nvidia-smi)");
        _meter.CreateObservableGauge("mesa.gpu.memory.used", () => gpus.Current().Select(g => new Measurement<long>(g.MemoryUsedBytes, GpuTags(g))), "By",
            "GPU memory in use (nvidia-smi)");
    }

    private static KeyValuePair<string, object?>[] GpuTags(GpuLoad.Reading gpu) => [new("gpu", gpu.Index), new("name", gpu.Name)];

    public void StageFinished(string stage, double seconds) => _stageSeconds.Record(seconds, new KeyValuePair<string, object?>("stage", stage));

    public void RunStarted(JobRecord job)
    {
        if (job is { QueuedMs: { } queued, StartedMs: { } started } && started >= queued) _queueWaitSeconds.Record((started - queued) / 1000.0);
    }

    /// <param name="outcome">finished, failed or cancelled.</param>
    public void JobEnded(string outcome, JobRecord? job, long nowMs)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _jobsEnded.Add(1, tag);
        if (job?.StartedMs is { } started && nowMs >= started) _jobSeconds.Record((nowMs - started) / 1000.0, tag);
    }

    public void Uploaded(long bytes) => _uploadBytes.Add(bytes);

    /// <param name="where">job (a run's internal error) or request (an unhandled exception in a request).</param>
    public void Error(string where) => _errors.Add(1, new KeyValuePair<string, object?>("where", where));

    public void Dispose() => _meter.Dispose();
}
