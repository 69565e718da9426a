namespace Mesa.Server.Storage;

/// <summary>Job states as stored and returned: awaiting_upload -> queued -> running -> finished | failed | cancelled.</summary>
public static class JobState
{
    public const string AwaitingUpload = "awaiting_upload";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
