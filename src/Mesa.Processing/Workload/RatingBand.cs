namespace Mesa.Processing.Workload;

/// <summary>The importance or susceptibility values (inclusive) that take one band's letter.</summary>
public sealed record RatingBand(string Code, int Min, int Max);
