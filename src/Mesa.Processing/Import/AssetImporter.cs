using Mesa.Processing.Geodesy;
using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Import;

/// <summary>
/// MESA's asset import: one asset group per GeoPackage layer (in layer order, <c>layer_001</c>...), one asset
/// object per feature with a polygonal geometry in EPSG:4326, importance and susceptibility from settings.xlsx
/// matched on the layer name, and sensitivity with its default-config band derived from them.
/// </summary>
public static class AssetImporter
{
    /// <exception cref="ImportException">The GeoPackage is unreadable, a layer is in a CRS other than EPSG:4326/3857, or a layer has no settings row.</exception>
    public static ImportedAssets Import(string geoPackagePath, string settingsPath)
    {
        var settings = SettingsWorkbook.Read(settingsPath);
        using var geoPackage = GeoPackageReader.Open(geoPackagePath);
        if (geoPackage.Layers.Count == 0)
            throw new ImportException($"{geoPackagePath}: the GeoPackage has no feature layers.");

        var groups = new List<AssetGroup>();
        var objects = new List<AssetObject>();
        var envelopes = new Dictionary<long, Envelope>();
        var extent = new Envelope();
        var buffered = 0;
        var skipped = 0;
        foreach (var layer in geoPackage.Layers)
        {
            var toLonLat = LonLatTransform(geoPackagePath, layer);
            if (!settings.TryGetValue(layer.Name, out var row))
                throw new ImportException($"{settingsPath}: no row has name_original '{layer.Name}' (a layer of {Path.GetFileName(geoPackagePath)}); add one with its importance and susceptibility.");
            var groupId = groups.Count + 1L;
            var envelope = new Envelope();
            var count = 0L;
            foreach (var feature in geoPackage.ReadFeatures(layer))
            {
                var wasBuffered = false;
                var shape = feature.Geometry is { } raw ? AssetShape.ToPolygonal(toLonLat(raw), out wasBuffered) : null;
                if (shape is null)
                {
                    skipped++;
                    continue;
                }
                if (wasBuffered) buffered++;
                objects.Add(new AssetObject(objects.Count + 1L, layer.Name, AttributeText.Of(feature.Attributes), true, groupId, shape));
                envelope.ExpandToInclude(shape.EnvelopeInternal);
                count++;
            }
            groups.Add(Group(groupId, layer.Name, row, count));
            envelopes[groupId] = envelope;
            extent.ExpandToInclude(envelope);
        }
        return new ImportedAssets(groups, objects, envelopes, buffered, skipped, extent);
    }

    /// <summary>The tbl_asset_group row MESA's import writes for layer number <paramref name="id"/> with its settings row.</summary>
    public static AssetGroup Group(long id, string layerName, AssetGroupSettings row, long count)
    {
        var importance = row.Importance ?? 0;
        var susceptibility = row.Susceptibility ?? 0;
        var group = new AssetGroup(id, layerName, $"layer_{id:000}", row.Title ?? layerName, count, importance, susceptibility, 0, "", null);
        if (!group.IsAssessed) return group;
        var sensitivity = importance * susceptibility;
        var band = MesaConfig.Defaults.BandContaining(sensitivity);
        return group with { Sensitivity = sensitivity, SensitivityCode = band?.Code ?? "", SensitivityDescription = band?.Description };
    }

    // MESA stores assets in EPSG:4326; a Web Mercator layer is inverted exactly, any other CRS is refused.
    private static Func<Geometry, Geometry> LonLatTransform(string path, GeoPackageLayer layer)
    {
        if (layer.IsEpsg(4326)) return g => g;
        if (layer.IsEpsg(3857)) return WebMercatorGeometry.ToLonLat;
        throw new ImportException($"{path}: layer '{layer.Name}' is in {layer.Crs}; only EPSG:4326 (or EPSG:3857) can be imported. Reproject the layer to EPSG:4326 first.");
    }
}
