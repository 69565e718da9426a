using Mesa.Processing.Intersect;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Mesa.Processing.Tests.Intersect;

public sealed class PackedBoxTreeTests
{
    // Boxes of very different sizes, some touching the query boxes exactly, some degenerate (points and lines).
    private static double[] Boxes(int count, int seed)
    {
        var random = new Random(seed);
        var boxes = new double[4 * count];
        for (var i = 0; i < count; i++)
        {
            var x = Math.Round(random.NextDouble() * 100, 1);
            var y = Math.Round(random.NextDouble() * 100, 1);
            var width = i % 5 == 0 ? 0 : Math.Round(random.NextDouble() * (i % 7 == 0 ? 60 : 3), 1);
            var height = i % 3 == 0 ? 0 : Math.Round(random.NextDouble() * 3, 1);
            (boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]) = (x, y, x + width, y + height);
        }
        return boxes;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(5000)]
    public void A_query_finds_in_item_order_exactly_the_boxes_an_STR_tree_finds(int count)
    {
        var boxes = Boxes(count, count);
        var tree = new PackedBoxTree(boxes);
        var reference = new STRtree<int>();
        for (var i = 0; i < count; i++) reference.Insert(new Envelope(boxes[4 * i], boxes[4 * i + 2], boxes[4 * i + 1], boxes[4 * i + 3]), i);
        reference.Build();
        Assert.Equal(count, tree.Count);

        var random = new Random(7);
        for (var q = 0; q < 300; q++)
        {
            var x = Math.Round(random.NextDouble() * 100, 1);
            var y = Math.Round(random.NextDouble() * 100, 1);
            var query = q % 4 == 0 ? new Envelope(x, double.MaxValue, y, y) : new Envelope(x, x + Math.Round(random.NextDouble() * 10, 1), y, y + Math.Round(random.NextDouble() * 10, 1));
            var found = new List<int>();
            var visitor = new Collect(found, int.MaxValue);
            Assert.True(tree.Query(query.MinX, query.MinY, query.MaxX, query.MaxY, ref visitor));
            var expected = reference.Query(query).Order().ToList();
            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public void A_visitor_that_answers_false_ends_the_query()
    {
        var tree = new PackedBoxTree(Boxes(5000, 3));
        var found = new List<int>();
        var visitor = new Collect(found, 5);
        Assert.False(tree.Query(0, 0, 100, 100, ref visitor));
        Assert.Equal(5, found.Count);
        Assert.Equal(found.Order(), found);
    }

    [Fact]
    public void Boxes_must_come_in_fours() =>
        Assert.Throws<ArgumentException>(() => new PackedBoxTree(new double[6]));

    private readonly struct Collect(List<int> found, int limit) : IBoxVisitor
    {
        public bool Visit(int item)
        {
            found.Add(item);
            return found.Count < limit;
        }
    }
}
