namespace Mesa.Server.Operations;

/// <summary>One readiness check's outcome; <see cref="Problem"/> is null when it passed.</summary>
public sealed record ReadinessCheck(string Name, string? Problem)
{
    public bool Passed => Problem is null;
}
