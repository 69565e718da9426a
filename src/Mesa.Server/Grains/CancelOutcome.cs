namespace Mesa.Server.Grains;

/// <summary>What a cancel request did: nothing (the job had already ended), cancelled a job that was not running, or asked a running one to stop.</summary>
public enum CancelOutcome
{
    AlreadyEnded,
    Cancelled,
    StopRequested,
}
