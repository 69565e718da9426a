namespace Mesa.Processing.Flatten;

/// <summary>One <c>[A]</c>..<c>[E]</c> section of config.ini: its <c>range</c> and <c>description</c>.</summary>
public readonly record struct SensitivityBand(int Min, int Max, string? Description);
