namespace Mesa.Processing.Import;

/// <summary>A feature layer of a GeoPackage (a <c>features</c> row of gpkg_contents with its geometry column).</summary>
/// <param name="Name">The table name, which MESA keeps as the asset group's <c>name_original</c>.</param>
/// <param name="GeometryType">As declared in gpkg_geometry_columns, e.g. MULTIPOLYGON.</param>
/// <param name="SrsId">The layer's srs_id in gpkg_spatial_ref_sys.</param>
/// <param name="Organization">The CRS authority (e.g. EPSG), or null when the srs_id is not defined in the file.</param>
/// <param name="OrganizationCoordsysId">The CRS code at that authority (e.g. 4326).</param>
public sealed record GeoPackageLayer(string Name, string GeometryColumn, string GeometryType, int SrsId, string? Organization, int? OrganizationCoordsysId)
{
    /// <summary>The CRS as "AUTHORITY:CODE" for messages, e.g. "EPSG:4326".</summary>
    public string Crs => Organization is null ? $"srs_id {SrsId} (not defined in gpkg_spatial_ref_sys)" : $"{Organization}:{OrganizationCoordsysId}";

    public bool IsEpsg(int code) => string.Equals(Organization, "EPSG", StringComparison.OrdinalIgnoreCase) && OrganizationCoordsysId == code;
}
