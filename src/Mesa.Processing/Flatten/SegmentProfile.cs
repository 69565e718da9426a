namespace Mesa.Processing.Flatten;

/// <summary>One row of tbl_segmentation_profiles: a signature zone of one segmented layer.</summary>
public sealed record SegmentProfile(
    string NameGisGeocodeGroup,
    string Method,
    string Zone,
    long NPolygons,
    double TotalAreaKm2,
    double SensMean,
    double MeanNAssets);
