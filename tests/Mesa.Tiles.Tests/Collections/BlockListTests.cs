using Mesa.Tiles.Collections;

namespace Mesa.Tiles.Tests.Collections;

public sealed class BlockListTests
{
    [Fact]
    public void Keeps_items_in_order_across_block_boundaries()
    {
        var list = new BlockList<int>();
        for (var i = 0; i < 200_000; i++) list.Add(i * 3);

        Assert.Equal(200_000, list.Count);
        Assert.Equal(65_535 * 3, list[65_535]);
        Assert.Equal(65_536 * 3, list[65_536]);
        Assert.Equal(199_999 * 3, list[^1]);
        Assert.Equal(Enumerable.Range(0, 200_000).Select(i => i * 3), list);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[200_000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }
}
