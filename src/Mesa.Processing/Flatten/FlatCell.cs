namespace Mesa.Processing.Flatten;

/// <summary>A finished tbl_flat row without its geometry: the flattened columns, <c>area_m2</c> and <c>index_owa</c>.</summary>
public sealed record FlatCell(FlatRow Row, long AreaM2, long IndexOwa);
