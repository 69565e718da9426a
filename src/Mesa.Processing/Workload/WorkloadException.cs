namespace Mesa.Processing.Workload;

/// <summary>
/// The uploaded workload cannot be processed as it is. The message is meant for the user: it
/// names the file and, where it applies, the line, key, column or row that is wrong.
/// </summary>
public sealed class WorkloadException : Exception
{
    public WorkloadException(string message) : base(message) { }

    public WorkloadException(string message, Exception inner) : base(message, inner) { }
}
