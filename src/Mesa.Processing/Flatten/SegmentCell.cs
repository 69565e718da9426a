namespace Mesa.Processing.Flatten;

/// <summary>
/// The computed columns of one tbl_segmentation row (spec section 7); <c>code</c>,
/// <c>name_gis_geocodegroup</c> and the null <c>cluster_id</c>/<c>cluster_method</c> are the writer's.
/// </summary>
public readonly record struct SegmentCell(string Signature, long NAssets, double SensMean);
