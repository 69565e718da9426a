namespace Mesa.Processing.Pipeline;

/// <summary>A stage's progress: which stage, how far (0..1) and what it is doing, in words.</summary>
public readonly record struct StageProgress(string Stage, double Fraction, string Message);
