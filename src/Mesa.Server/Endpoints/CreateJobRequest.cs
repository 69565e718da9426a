namespace Mesa.Server.Endpoints;

/// <summary>Optional body of POST /jobs.</summary>
public sealed record CreateJobRequest(string? Name, bool RequiresGpu = false);
