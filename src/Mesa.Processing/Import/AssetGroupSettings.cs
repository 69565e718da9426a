namespace Mesa.Processing.Import;

/// <summary>One row of a MESA settings.xlsx: the assessment the user gave one asset layer.</summary>
/// <param name="NameOriginal">The GeoPackage layer name the row applies to.</param>
/// <param name="Importance">Null when the cell is blank or not a whole number.</param>
/// <param name="Susceptibility">Null when the cell is blank or not a whole number.</param>
/// <param name="Title">The sheet's <c>title_fromuser</c> (or <c>title</c>) when it has one and the cell is not blank.</param>
public sealed record AssetGroupSettings(string NameOriginal, int? Importance, int? Susceptibility, string? Title);
