using Mesa.GeoParquet.Geo;
using NetTopologySuite.Geometries;

namespace Mesa.Processing.Workload;

/// <summary>A row of tbl_geocode_object: one analysis cell.</summary>
/// <remarks>
/// Nearly every cell is a polygon of one ring. A cell read from a table keeps that ring (<see cref="Shell"/>) and makes
/// the polygon around it the first time <see cref="Geometry"/> is asked for: intersect measures such a cell from its
/// ring alone, and the polygon, its ring object, their envelopes and the vertex copies NetTopologySuite makes to check
/// that a ring is closed were half of what reading a job's cells allocated (docs/performance.md).
/// </remarks>
public sealed class GeocodeObject
{
    private readonly WkbDecoder? _decoder;
    private Geometry? _geometry;
    private Envelope? _envelope;

    /// <param name="geometry">In EPSG:4326; an empty geometry where the row's geometry is null.</param>
    /// <param name="wkb">The geometry as the table stores it, when read from one: outputs carry the cell exactly as given.</param>
    public GeocodeObject(string code, long refGeocodeGroup, string nameGisGeocodeGroup, Geometry geometry, byte[]? wkb = null)
        : this(code, refGeocodeGroup, nameGisGeocodeGroup,
            geometry is Polygon { NumInteriorRings: 0, IsEmpty: false } polygon ? polygon.ExteriorRing.CoordinateSequence : null, wkb) =>
        _geometry = geometry;

    /// <summary>A cell read as the closed ring <paramref name="shell"/>, whose polygon <paramref name="decoder"/> makes when it is asked for.</summary>
    public GeocodeObject(string code, long refGeocodeGroup, string nameGisGeocodeGroup, CoordinateSequence shell, WkbDecoder decoder, byte[] wkb)
        : this(code, refGeocodeGroup, nameGisGeocodeGroup, shell, wkb) =>
        _decoder = decoder;

    private GeocodeObject(string code, long refGeocodeGroup, string nameGisGeocodeGroup, CoordinateSequence? shell, byte[]? wkb)
    {
        Code = code;
        RefGeocodeGroup = refGeocodeGroup;
        NameGisGeocodeGroup = nameGisGeocodeGroup;
        Shell = shell;
        Wkb = wkb;
    }

    public string Code { get; }

    public long RefGeocodeGroup { get; }

    public string NameGisGeocodeGroup { get; }

    /// <summary>The geometry as the table stores it, when read from one: outputs carry the cell exactly as given.</summary>
    public byte[]? Wkb { get; }

    /// <summary>The closed ring of a cell that is a non-empty polygon without holes; null for any other cell.</summary>
    public CoordinateSequence? Shell { get; }

    /// <summary>In EPSG:4326; an empty geometry where the row's geometry is null.</summary>
    public Geometry Geometry => _geometry ?? Interlocked.CompareExchange(ref _geometry, _decoder!.Polygon(Shell!), null) ?? _geometry;

    /// <summary>Whether the cell has no geometry (its row's is null or empty).</summary>
    public bool IsEmpty => Shell is null && Geometry.IsEmpty;

    /// <summary>The cell's envelope, equal to its geometry's; made once and shared, so it must not be changed.</summary>
    public Envelope Envelope => _envelope ??= Shell?.ExpandEnvelope(new Envelope()) ?? Geometry.EnvelopeInternal;

    /// <summary>The cell's first vertex, read in place (<see cref="Geometry.Coordinate"/> copies it into a new object).</summary>
    public (double X, double Y) FirstVertex()
    {
        if (Shell is { } shell) return (shell.GetX(0), shell.GetY(0));
        var vertex = Geometry.Coordinate;
        return (vertex.X, vertex.Y);
    }
}
