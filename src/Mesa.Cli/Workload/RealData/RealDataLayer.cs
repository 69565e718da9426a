namespace Mesa.Cli.Workload.RealData;

/// <summary>One asset group of a real-data workload: how it is cut from its source and how it is assessed.</summary>
internal sealed record RealDataLayer(string Name, RealDataSource Source, RealDataShape Shape, int Importance, int Susceptibility)
{
    public static readonly IReadOnlyList<RealDataLayer> All =
    [
        new("land", RealDataSource.CountriesLand, RealDataShape.Areas, 2, 3),
        new("land_tiles", RealDataSource.CountriesLand, RealDataShape.TiledAreas, 1, 3),
        new("seas", RealDataSource.EarthSeas, RealDataShape.Areas, 3, 4),
        new("maritime_zones", RealDataSource.CountriesMaritime, RealDataShape.Areas, 4, 2),
        new("coastline", RealDataSource.CountriesCoastline, RealDataShape.Lines, 5, 5),
        new("coast_sites", RealDataSource.CountriesCoastline, RealDataShape.Points, 5, 4),
    ];
}
