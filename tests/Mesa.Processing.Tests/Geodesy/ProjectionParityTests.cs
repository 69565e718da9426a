using Mesa.Processing.Geodesy;
using Npgsql;

namespace Mesa.Processing.Tests.Geodesy;

/// <summary>Projected points against PostGIS ST_Transform.</summary>
public sealed class ProjectionParityTests
{
    private const double ToleranceMetres = 1e-6;

    public static TheoryData<double, double> Points() => new()
    {
        { 10.0, 52.0 }, { 10.5, 60.25 }, { 5.3, 58.0 }, { 25.8, 71.0 }, { 30.9, 70.1 },
        { -8.6, 40.1 }, { 36.8, -1.3 }, { 0.0, 0.0 }, { -179.5, 85.0 }, { 179.9, -60.0 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void WebMercator_matches_postgis(double lon, double lat)
    {
        var (x, y) = Transform(lon, lat, 3857);
        var (ourX, ourY) = WebMercator.Forward(lon, lat);
        Assert.Equal(x, ourX, ToleranceMetres);
        Assert.Equal(y, ourY, ToleranceMetres);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Laea_Europe_matches_postgis(double lon, double lat)
    {
        var (x, y) = Transform(lon, lat, 3035);
        var (ourX, ourY) = LambertAzimuthalEqualAreaEurope.Forward(lon, lat);
        Assert.Equal(x, ourX, ToleranceMetres);
        Assert.Equal(y, ourY, ToleranceMetres);
    }

    private static (double X, double Y) Transform(double lon, double lat, int srid)
    {
        using var connection = PostGis.Open();
        using var command = new NpgsqlCommand(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), $3) AS p) AS t",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = lon });
        command.Parameters.Add(new NpgsqlParameter { Value = lat });
        command.Parameters.Add(new NpgsqlParameter { Value = srid });
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return (reader.GetDouble(0), reader.GetDouble(1));
    }
}
