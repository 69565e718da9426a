namespace Mesa.Processing.Pipeline;

/// <summary>How long one stage took.</summary>
public sealed record StageTiming(string Stage, double Seconds);
