namespace Mesa.Processing.Flatten;

/// <summary>
/// The six tbl_flat columns of one base (importance, sensitivity or susceptibility):
/// <c>&lt;base&gt;_min</c>, <c>_max</c>, <c>_code_min</c>, <c>_description_min</c>,
/// <c>_code_max</c>, <c>_description_max</c>.
/// </summary>
public readonly record struct BandedExtremes(
    long? Min,
    long? Max,
    string? CodeMin,
    string? DescriptionMin,
    string? CodeMax,
    string? DescriptionMax);
