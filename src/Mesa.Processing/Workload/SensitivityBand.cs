namespace Mesa.Processing.Workload;

/// <summary>One sensitivity class of config.ini ([A]..[E]): its value range, label and map colour.</summary>
/// <param name="Code">"A".."E".</param>
/// <param name="Min">Lowest sensitivity in the band (inclusive).</param>
/// <param name="Max">Highest sensitivity in the band (inclusive).</param>
/// <param name="Description">The band's label, e.g. "Very high"; may be empty.</param>
/// <param name="Colour">The <c>category_colour</c> as written, e.g. "#bd0026".</param>
public sealed record SensitivityBand(string Code, int Min, int Max, string Description, string Colour)
{
    public bool Contains(double sensitivity) => sensitivity >= Min && sensitivity <= Max;
}
