namespace Mesa.Processing.Import;

/// <summary>What <see cref="SampleWorkload.Build"/> wrote.</summary>
/// <param name="GeocodeGroup">The <c>name_gis_geocodegroup</c> of the generated cells.</param>
public sealed record SampleImportSummary(int Groups, int Objects, int BufferedPointsAndLines, int SkippedFeatures, long Cells, string GeocodeGroup);
