using ILGPU;

namespace Mesa.Gpu;

/// <summary>
/// The EPSG:3857 area of a convex cell's intersection with one valid asset piece, with a bound on its error,
/// computed on the device in one pass over the piece's segments (no per-pair buffer): the area is the cpu
/// engine's Green's-theorem sum (ConvexCell.IntersectionAreaWebMercator), the parts of the piece's segments
/// inside the cell plus the stretches of the cell's edges inside the piece.
/// </summary>
/// <remarks>
/// Each segment is clipped to the cell (Cyrus-Beck) and its inside part adds its shoelace term. The stretches of
/// cell edge k run between the points where rings cross it; relative to the edge's first corner Q, the term
/// cross(a, b) of a stretch from a to b is cross(Q, b) - cross(Q, a) + cross_Q(a, b). The first two parts are
/// added per crossing, so no crossing needs sorting; the last is left out: with x linear and y = f(lat) along a
/// lon/lat edge, cross_Q(a, b) = dx * (u_a g(u_b) - u_b g(u_a)) for the fractions u along the edge, whose sum over
/// disjoint stretches is at most |dx| * max|g''| / 2 = |dx| * dlat^2 * max|f''| / 2 (zero for edges along a
/// meridian or a parallel, and left out of the bound for edges no ring crosses). Whether each corner lies inside
/// the piece is counted by the even-odd rule.
/// Projection: x linear in the longitude as on the cpu engine, y from a Taylor polynomial over the cell's
/// latitudes with Cauchy's bound on its remainder (<see cref="CellRecord"/>).
/// Error bound: every projected point is within PointError (rounding of both engines, and the remainder) plus its
/// intersection's own rounding (the crossing fraction's error times the segment's length) of the exact one, and
/// every point lies within Reach of the cell's first vertex, so each shoelace term is off by at most Reach times
/// both points' errors; summing adds a relative 1e-15 of the terms' magnitudes per term. Any comparison whose
/// outcome rounding could flip (a vertex within rounding of a cell edge line, a corner within rounding of a
/// segment, a crossing within 5e-13 degrees of a corner, a segment touching the cell at one point) leaves the pair
/// undecided (bound +infinity), as does a piece whose crossings do not match its corners' insides. The cell is
/// the one <see cref="CellRecord"/> shrank by a hair, so vertices on the true cell's edges keep clear of it; the
/// band between the two joins the bound.
/// </remarks>
internal static class ConvexOverlapArea
{
    private const double Radians = Math.PI / 180;

    // Degrees a crossing keeps from a corner along the edge: many times a coordinate's rounding, a twentieth of the
    // distance a vertex on the true cell's corner keeps from the shrunk one's.
    private const double CornerClearance = CellRecord.Shift / 20;

    public static void Measure(
        int pair,
        ArrayView<double> cells,
        int at,
        ArrayView<double> xs,
        ArrayView<double> ys,
        ArrayView<int> ringStarts,
        ArrayView<int> ringSigns,
        int firstRing,
        int endRing,
        ArrayView<double> areas,
        ArrayView<double> bounds)
    {
        areas[pair] = 0;
        bounds[pair] = double.PositiveInfinity;
        var n = (int)cells[at + CellRecord.VertexCount];
        if (n == 0) return;
        double minX = cells[at + CellRecord.MinX], minY = cells[at + CellRecord.MinY], maxX = cells[at + CellRecord.MaxX], maxY = cells[at + CellRecord.MaxY];
        var originLon = cells[at + CellRecord.OriginLon];
        var originLat = cells[at + CellRecord.OriginLat];
        var pointError = cells[at + CellRecord.PointError];
        var reach = cells[at + CellRecord.Reach];
        var metresPerDegree = cells[at + CellRecord.MetresPerDegree];
        var lons = at + CellRecord.Lons;
        var lats = at + CellRecord.Lats;
        var pxs = at + CellRecord.ProjectedXs;
        var pys = at + CellRecord.ProjectedYs;
        double twiceArea = 0, magnitudes = 0, pointTerms = 0;
        var terms = 0;
        var insideCorners = 0;
        var crossedEdges = 0;
        var touchedEdges = 0;
        for (var ring = firstRing; ring < endRing; ring++)
        {
            var sign = ringSigns[ring];
            if (sign == 0) return;
            var last = ringStarts[ring + 1] - 1;
            for (var i = ringStarts[ring]; i < last; i++)
            {
                double ax = xs[i], ay = ys[i], bx = xs[i + 1], by = ys[i + 1];
                for (var k = 0; k < n; k++)
                {
                    double cornerX = cells[lons + k], cornerY = cells[lats + k];
                    if ((ay > cornerY) == (by > cornerY)) continue;
                    // Relative to the corner, so the rounding scales with the distances involved, not the coordinates.
                    var offset = ax - cornerX + (cornerY - ay) * (bx - ax) / (by - ay);
                    if (Math.Abs(offset) <= 1e-14 * (Math.Abs(ax - cornerX) + Math.Abs(bx - ax))) return;
                    if (offset > 0) insideCorners ^= 1 << k;
                }
                if ((ax < minX && bx < minX) || (ax > maxX && bx > maxX) || (ay < minY && by < minY) || (ay > maxY && by > maxY)) continue;
                double t0 = 0, t1 = 1, error0 = 0, error1 = 0;
                int entry = -1, exit = -1;
                var outside = false;
                for (var k = 0; k < n && !outside; k++)
                {
                    var next = k + 1 == n ? 0 : k + 1;
                    double cornerX = cells[lons + k], cornerY = cells[lats + k];
                    double ex = cells[lons + next] - cornerX, ey = cells[lats + next] - cornerY;
                    var sa = ex * (ay - cornerY) - ey * (ax - cornerX);
                    var sb = ex * (by - cornerY) - ey * (bx - cornerX);
                    var edgeSize = Math.Abs(ex) + Math.Abs(ey);
                    var roundingA = 1e-15 * edgeSize * (Math.Abs(ax - cornerX) + Math.Abs(ay - cornerY));
                    var roundingB = 1e-15 * edgeSize * (Math.Abs(bx - cornerX) + Math.Abs(by - cornerY));
                    if (Math.Abs(sa) <= roundingA || Math.Abs(sb) <= roundingB) return;
                    if (sa < 0 && sb < 0) outside = true;
                    else if (sa < 0 != sb < 0)
                    {
                        var t = sa / (sa - sb);
                        var tError = 2 * (roundingA + roundingB) / Math.Abs(sa - sb) + 1e-15;
                        if (sa < 0 && t > t0) (t0, entry, error0) = (t, k, tError);
                        else if (sb < 0 && t < t1) (t1, exit, error1) = (t, k, tError);
                    }
                }
                if (outside) continue;
                if (t0 - t1 > error0 + error1) continue;
                if (t1 - t0 <= error0 + error1) return;
                var segmentDegrees = Math.Abs(bx - ax) + Math.Abs(by - ay);
                error0 = pointError + error0 * segmentDegrees * metresPerDegree;
                error1 = pointError + error1 * segmentDegrees * metresPerDegree;
                double lon0 = ax + t0 * (bx - ax), lat0 = ay + t0 * (by - ay), lon1 = ax + t1 * (bx - ax), lat1 = ay + t1 * (by - ay);
                var x0 = (lon0 - originLon) * CellRecord.MetresPerDegreeOfLongitude;
                var y0 = ProjectedY(cells, at, (lat0 - originLat) * Radians);
                var x1 = (lon1 - originLon) * CellRecord.MetresPerDegreeOfLongitude;
                var y1 = ProjectedY(cells, at, (lat1 - originLat) * Radians);
                var term = sign * (x0 * y1 - x1 * y0);
                twiceArea += term;
                magnitudes += Math.Abs(term);
                pointTerms += reach * (error0 + error1) + error0 * error1;
                terms++;
                if (entry >= 0)
                {
                    if (!AwayFromCorners(cells, lons, lats, n, entry, lon0, lat0)) return;
                    term = sign * (cells[pxs + entry] * y0 - x0 * cells[pys + entry]);
                    twiceArea += term;
                    magnitudes += Math.Abs(term);
                    pointTerms += reach * (error0 + pointError) + error0 * pointError;
                    terms++;
                    crossedEdges ^= 1 << entry;
                    touchedEdges |= 1 << entry;
                }
                if (exit >= 0)
                {
                    if (!AwayFromCorners(cells, lons, lats, n, exit, lon1, lat1)) return;
                    term = -sign * (cells[pxs + exit] * y1 - x1 * cells[pys + exit]);
                    twiceArea += term;
                    magnitudes += Math.Abs(term);
                    pointTerms += reach * (error1 + pointError) + error1 * pointError;
                    terms++;
                    crossedEdges ^= 1 << exit;
                    touchedEdges |= 1 << exit;
                }
            }
        }
        double edgeError = 0;
        for (var k = 0; k < n; k++)
        {
            var next = k + 1 == n ? 0 : k + 1;
            // Only stretches between crossings leave a term out; a whole edge inside the piece leaves none.
            if (((touchedEdges >> k) & 1) == 1) edgeError += cells[at + CellRecord.EdgeErrors + k];
            // Walking edge k, each crossing toggles inside/outside: their count's parity joins its corners' insides.
            if (((crossedEdges >> k) & 1) != (((insideCorners >> k) ^ (insideCorners >> next)) & 1)) return;
            if (((insideCorners >> next) & 1) == 0) continue;
            var term = cells[pxs + k] * cells[pys + next] - cells[pxs + next] * cells[pys + k];
            twiceArea += term;
            magnitudes += Math.Abs(term);
            pointTerms += 2 * reach * pointError + pointError * pointError;
            terms++;
        }
        areas[pair] = twiceArea / 2;
        bounds[pair] = (pointTerms + 1e-15 * (terms + 1) * (magnitudes + reach * reach)) / 2 + edgeError + cells[at + CellRecord.Band];
    }

    // The crossing keeps clear of both corners of edge k, so no rounding can have put it on the wrong edge.
    private static bool AwayFromCorners(ArrayView<double> cells, int lons, int lats, int n, int k, double lon, double lat)
    {
        var next = k + 1 == n ? 0 : k + 1;
        double cornerX = cells[lons + k], cornerY = cells[lats + k];
        double ex = cells[lons + next] - cornerX, ey = cells[lats + next] - cornerY;
        var length = Math.Sqrt(ex * ex + ey * ey);
        var along = ((lon - cornerX) * ex + (lat - cornerY) * ey) / length;
        return along > CornerClearance && along < length - CornerClearance;
    }

    // Horner's rule on the cell's Taylor polynomial (no constant term).
    private static double ProjectedY(ArrayView<double> cells, int at, double d)
    {
        double value = 0;
        for (var m = CellRecord.TaylorTerms - 1; m >= 0; m--) value = (value + cells[at + CellRecord.Taylor + m]) * d;
        return value;
    }
}
