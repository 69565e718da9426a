namespace Mesa.Processing.Intersect;

/// <summary>
/// A read-only bounding-box hierarchy over boxes kept in the order they are given: each level holds the bounds of
/// every <see cref="NodeSize"/> consecutive boxes of the level below, all in flat arrays.
/// </summary>
/// <remarks>
/// Queries run several times per cell and asset piece, so they must neither allocate nor call through interfaces:
/// NetTopologySuite's trees keep one <c>Envelope</c> object per item and report items through an interface, and the
/// two of them took about a quarter of intersect's time on the 100 MB workload (docs/performance.md). Boxes given in
/// a spatially coherent order (a ring's runs along the ring; pieces sorted along a Hilbert curve) make tight nodes.
/// </remarks>
public sealed class PackedBoxTree
{
    private const int NodeSize = 8;

    // _levels[0] holds the items' boxes, _levels[k] the bounds of each NodeSize consecutive boxes of level k - 1;
    // four doubles a box: min x, min y, max x, max y.
    private readonly double[][] _levels;

    /// <param name="boxes">Four doubles an item, in item order: min x, min y, max x, max y.</param>
    public PackedBoxTree(double[] boxes)
    {
        if (boxes.Length % 4 != 0) throw new ArgumentException("Boxes take four doubles each.", nameof(boxes));
        var levels = new List<double[]> { boxes };
        while (levels[^1].Length > 4 * NodeSize)
        {
            var below = levels[^1];
            var count = below.Length / 4;
            var level = new double[4 * ((count + NodeSize - 1) / NodeSize)];
            for (var node = 0; node < level.Length / 4; node++)
            {
                double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
                for (var child = node * NodeSize; child < Math.Min(count, (node + 1) * NodeSize); child++)
                {
                    minX = Math.Min(minX, below[4 * child]);
                    minY = Math.Min(minY, below[4 * child + 1]);
                    maxX = Math.Max(maxX, below[4 * child + 2]);
                    maxY = Math.Max(maxY, below[4 * child + 3]);
                }
                (level[4 * node], level[4 * node + 1], level[4 * node + 2], level[4 * node + 3]) = (minX, minY, maxX, maxY);
            }
            levels.Add(level);
        }
        _levels = [.. levels];
    }

    /// <summary>Items in the tree.</summary>
    public int Count => _levels[0].Length / 4;

    /// <summary>
    /// Hands <paramref name="visitor"/>, in item order, every item whose box meets the query box (touching counts),
    /// until it answers false. Returns false when the visitor stopped the query.
    /// </summary>
    public bool Query<TVisitor>(double minX, double minY, double maxX, double maxY, ref TVisitor visitor) where TVisitor : struct, IBoxVisitor =>
        Visit(_levels.Length - 1, 0, _levels[^1].Length / 4, minX, minY, maxX, maxY, ref visitor);

    private bool Visit<TVisitor>(int level, int first, int end, double minX, double minY, double maxX, double maxY, ref TVisitor visitor) where TVisitor : struct, IBoxVisitor
    {
        var boxes = _levels[level];
        for (var i = first; i < end; i++)
        {
            var at = 4 * i;
            if (boxes[at] > maxX || boxes[at + 1] > maxY || boxes[at + 2] < minX || boxes[at + 3] < minY) continue;
            if (level == 0)
            {
                if (!visitor.Visit(i)) return false;
            }
            else if (!Visit(level - 1, i * NodeSize, Math.Min((i + 1) * NodeSize, _levels[level - 1].Length / 4), minX, minY, maxX, maxY, ref visitor))
            {
                return false;
            }
        }
        return true;
    }
}
