using System.Globalization;
using Mesa.Processing.Workload;
using NetTopologySuite.IO;
using Npgsql;

namespace Mesa.PostGis.Tests.Parity;

/// <summary>
/// Describes a (cell, asset object) pair as PostGIS sees it: the asset's geometry type and the
/// EPSG:3857 area of the intersection computed in 4326, the quantity the 1 m^2 rule of spec
/// section 4 tests. Makes a disputed pair's distance from the threshold visible.
/// </summary>
internal sealed class PairArea(MesaWorkload workload)
{
    private const string Sql = """
        SELECT ST_GeometryType(a), ST_Contains(c, a),
               ST_Area(ST_Transform(ST_Intersection(c, a), 3857)),
               ST_Area(ST_Transform(ST_Intersection(ST_MakeValid(c), ST_MakeValid(a)), 3857))
        FROM (SELECT ST_GeomFromWKB($1, 4326) AS c, ST_GeomFromWKB($2, 4326) AS a) AS pair
        """;

    private readonly WKBWriter _wkb = new();
    private readonly Lazy<ILookup<string, GeocodeObject>> _cells = new(() => workload.Tables.ReadGeocodeObjects().SelectMany(b => b).ToLookup(c => c.Code));
    private readonly Lazy<ILookup<long, AssetObject>> _assets = new(() => workload.Tables.ReadAssetObjects().ToLookup(a => a.Id));

    public async Task<string> DescribeAsync(StackedPair pair)
    {
        var descriptions = new List<string>();
        foreach (var cell in _cells.Value[pair.Code])
        foreach (var asset in _assets.Value[pair.IdX])
            descriptions.Add($"{cell.NameGisGeocodeGroup}: {await MeasureAsync(cell, asset)}");
        return descriptions.Count > 0 ? string.Join("; ", descriptions) : "cell or asset not in the workload";
    }

    private async Task<string> MeasureAsync(GeocodeObject cell, AssetObject asset)
    {
        // A connection per pair: a GEOS error ends the session it happens in.
        await using var connection = await TestDatabase.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = _wkb.Write(cell.Geometry) });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = _wkb.Write(asset.Geometry) });
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return string.Create(CultureInfo.InvariantCulture,
                $"asset {reader.GetString(0)}, cell contains it {reader.GetBoolean(1)}, EPSG:3857 intersection area {reader.GetDouble(2):R} m^2 (after make-valid {reader.GetDouble(3):R} m^2)");
        }
        catch (PostgresException e)
        {
            // A GEOS error on this pair is itself the answer worth reporting.
            return $"PostGIS fails on the pair: {e.MessageText}";
        }
    }
}
