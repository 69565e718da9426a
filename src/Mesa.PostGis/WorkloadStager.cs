using Mesa.Processing.Workload;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace Mesa.PostGis;

/// <summary>
/// Loads a workload's input tables and config bands into a run's schema (created by
/// sql/processing/staging_tables.sql) with binary COPY. Each row carries <c>seq</c>, its 0-based
/// position in its file, which is the staging order the stage SQL relies on.
/// </summary>
public sealed class WorkloadStager(NpgsqlConnection connection, RunSchema schema)
{
    private readonly WKBWriter _wkb = new();

    /// <summary>Stages tbl_asset_group, tbl_asset_object, tbl_geocode_object, the [A]..[E] bands and the importance/susceptibility letters, in that order.</summary>
    public async Task<IReadOnlyList<TableStaging>> StageAsync(MesaWorkload workload, CancellationToken cancellationToken) =>
    [
        await StageAssetGroupsAsync(workload.Tables.ReadAssetGroups(), cancellationToken),
        await StageAssetObjectsAsync(workload.Tables.ReadAssetObjects(), cancellationToken),
        await StageGeocodeObjectsAsync(workload.Tables.ReadGeocodeObjects(), cancellationToken),
        await StageBandsAsync(workload.Config.Bands, cancellationToken),
        await StageRatingBandsAsync(workload.Config.Ratings.Bands, cancellationToken),
    ];

    private async Task<TableStaging> StageAssetGroupsAsync(IReadOnlyList<AssetGroup> groups, CancellationToken cancellationToken)
    {
        await using var copy = await BeginAsync("asset_group",
            "seq, id, name_gis_assetgroup, total_asset_objects, importance, susceptibility, sensitivity, sensitivity_code, sensitivity_description",
            cancellationToken);
        for (var seq = 0; seq < groups.Count; seq++)
        {
            var g = groups[seq];
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteBigintAsync(seq, cancellationToken);
            await copy.WriteBigintAsync(g.Id, cancellationToken);
            await copy.WriteTextAsync(g.NameGisAssetGroup, cancellationToken);
            await copy.WriteBigintAsync(g.TotalAssetObjects, cancellationToken);
            await copy.WriteIntegerAsync(g.Importance, cancellationToken);
            await copy.WriteIntegerAsync(g.Susceptibility, cancellationToken);
            await copy.WriteIntegerAsync(g.Sensitivity, cancellationToken);
            await copy.WriteTextAsync(g.SensitivityCode, cancellationToken);
            await copy.WriteTextAsync(g.SensitivityDescription, cancellationToken);
        }
        return await copy.CompleteAsync(cancellationToken);
    }

    private async Task<TableStaging> StageAssetObjectsAsync(IReadOnlyList<AssetObject> objects, CancellationToken cancellationToken)
    {
        await using var copy = await BeginAsync("asset_object", "seq, id, asset_group_name, attributes, process, ref_asset_group, geometry", cancellationToken);
        for (var seq = 0; seq < objects.Count; seq++)
        {
            var o = objects[seq];
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteBigintAsync(seq, cancellationToken);
            await copy.WriteBigintAsync(o.Id, cancellationToken);
            await copy.WriteTextAsync(o.AssetGroupName, cancellationToken);
            await copy.WriteTextAsync(o.Attributes, cancellationToken);
            await copy.WriteBooleanAsync(o.Process, cancellationToken);
            await copy.WriteBigintAsync(o.RefAssetGroup, cancellationToken);
            await copy.WriteWkbAsync(Wkb(o.Geometry), cancellationToken);
        }
        return await copy.CompleteAsync(cancellationToken);
    }

    private async Task<TableStaging> StageGeocodeObjectsAsync(IEnumerable<IReadOnlyList<GeocodeObject>> batches, CancellationToken cancellationToken)
    {
        await using var copy = await BeginAsync("geocode_object", "seq, code, ref_geocodegroup, name_gis_geocodegroup, geometry", cancellationToken);
        long seq = 0;
        foreach (var batch in batches)
        {
            foreach (var cell in batch)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteBigintAsync(seq++, cancellationToken);
                await copy.WriteTextAsync(cell.Code, cancellationToken);
                await copy.WriteBigintAsync(cell.RefGeocodeGroup, cancellationToken);
                await copy.WriteTextAsync(cell.NameGisGeocodeGroup, cancellationToken);
                await copy.WriteWkbAsync(Wkb(cell.Geometry), cancellationToken);
            }
        }
        return await copy.CompleteAsync(cancellationToken);
    }

    private async Task<TableStaging> StageBandsAsync(IReadOnlyList<SensitivityBand> bands, CancellationToken cancellationToken)
    {
        await using var copy = await BeginAsync("band", "code, description", cancellationToken);
        foreach (var band in bands)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteTextAsync(band.Code, cancellationToken);
            await copy.WriteTextAsync(band.Description, cancellationToken);
        }
        return await copy.CompleteAsync(cancellationToken);
    }

    private async Task<TableStaging> StageRatingBandsAsync(IReadOnlyList<RatingBand> bands, CancellationToken cancellationToken)
    {
        await using var copy = await BeginAsync("rating_band", "code, min_value, max_value", cancellationToken);
        foreach (var band in bands)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteTextAsync(band.Code, cancellationToken);
            await copy.WriteIntegerAsync(band.Min, cancellationToken);
            await copy.WriteIntegerAsync(band.Max, cancellationToken);
        }
        return await copy.CompleteAsync(cancellationToken);
    }

    private Task<StagingCopy> BeginAsync(string table, string columns, CancellationToken cancellationToken) =>
        StagingCopy.BeginAsync(connection, table, $"COPY {schema.Quoted}.{table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);

    // The reader gives an empty geometry for a null one; both stage as null, which overlaps nothing.
    private byte[]? Wkb(Geometry geometry) => geometry.IsEmpty ? null : _wkb.Write(geometry);
}
