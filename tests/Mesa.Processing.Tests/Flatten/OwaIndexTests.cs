using Mesa.Processing.Flatten;

namespace Mesa.Processing.Tests.Flatten;

public sealed class OwaIndexTests
{
    [Fact]
    public void All_zero_vectors_score_zero()
    {
        Assert.Equal(new long[] { 0, 0, 0 }, OwaIndex.Compute([default, default, OwaVector.FromCounts([0, 0])]));
    }

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        Assert.Empty(OwaIndex.Compute([]));
    }

    [Fact]
    public void A_single_non_zero_row_scores_100()
    {
        Assert.Equal(new long[] { 100 }, OwaIndex.Compute([Vector((3, 1))]));
    }

    [Fact]
    public void Equal_vectors_share_a_dense_rank()
    {
        // Distinct: (n25=1) > (n20=2) > (n20=1); D = 3, ranks 1, 2, 2, 3, 1.
        long[] index = OwaIndex.Compute([Vector((25, 1)), Vector((20, 2)), Vector((20, 2)), Vector((20, 1)), Vector((25, 1))]);

        Assert.Equal(new long[] { 100, 67, 67, 33, 100 }, index);
    }

    [Fact]
    public void Order_is_lexicographic_from_n25_down()
    {
        // One row at 25 beats any number of rows at 24; more rows at the same top score win;
        // equal tops compare the next score down, where a missing count is zero.
        OwaVector[] best_first =
        [
            Vector((25, 2)),
            Vector((25, 1), (1, 1)),
            Vector((25, 1)),
            Vector((24, 50), (23, 9)),
            Vector((24, 50)),
        ];

        long[] index = OwaIndex.Compute([.. best_first.Reverse()]);

        Assert.Equal(new long[] { 20, 40, 60, 80, 100 }, index);
    }

    [Theory]
    [InlineData(1, 12)] // rank 8: 1/8 * 100 = 12.5 -> 12
    [InlineData(3, 38)] // rank 6: 3/8 * 100 = 37.5 -> 38
    [InlineData(5, 62)] // rank 4: 5/8 * 100 = 62.5 -> 62
    [InlineData(7, 88)] // rank 2: 7/8 * 100 = 87.5 -> 88
    [InlineData(8, 100)]
    public void Halves_round_to_even_with_eight_distinct_vectors(int n1, long expected)
    {
        // n1 = 1..8 in separate rows: the row with n1 = k has dense rank 9 - k.
        long[] index = OwaIndex.Compute([.. Enumerable.Range(1, 8).Select(k => Vector((1, k)))]);

        Assert.Equal(expected, index[n1 - 1]);
        Assert.Equal(expected, OwaIndex.Score(8, 9 - n1));
    }

    [Fact]
    public void Low_ranks_clip_to_1_and_the_zero_vector_counts_in_D()
    {
        OwaVector[] vectors = [.. Enumerable.Range(1, 300).Select(k => Vector((1, k))), default];

        long[] index = OwaIndex.Compute(vectors);

        // D = 301: the worst non-zero row (n1 = 1, rank 300) gets 2/301*100 = 0.66 -> 1.
        Assert.Equal(1, index[0]);
        Assert.Equal(0, index[300]);
        Assert.Equal(100, index[299]);
        Assert.Equal(1, OwaIndex.Score(300, 300));
    }

    [Fact]
    public void Vectors_from_sparse_and_dense_counts_are_equal()
    {
        OwaVector dense = OwaVector.FromCounts(WorkedExampleTests.Counts((3, 2), (17, 4)));

        Assert.Equal(Vector((17, 4), (3, 2)), dense);
        Assert.Equal(Vector((17, 4), (3, 2)).GetHashCode(), dense.GetHashCode());
        Assert.Equal(0, dense.CompareTo(Vector((17, 4), (3, 2))));
        Assert.True(default(OwaVector).IsZero);
        Assert.Throws<ArgumentException>(() => OwaVector.FromCounts(new int[26]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OwaVector.FromCounts([-1]));
    }

    [Fact]
    public void Many_rows_with_few_distinct_vectors_match_a_direct_ranking()
    {
        var random = new Random(3);
        OwaVector[] vectors = [.. Enumerable.Range(0, 20000).Select(_ => RandomVector(random))];

        long[] index = OwaIndex.Compute(vectors);

        OwaVector[] distinct = [.. vectors.Distinct().OrderDescending()];
        for (int i = 0; i < vectors.Length; i++)
        {
            int dense = Array.IndexOf(distinct, vectors[i]) + 1;
            long expected = vectors[i].IsZero ? 0 : OwaIndex.Score(distinct.Length, dense);
            Assert.Equal(expected, index[i]);
        }
    }

    private static OwaVector RandomVector(Random random)
    {
        var counter = new int[OwaVector.MaxScore];
        for (int rows = random.Next(4); rows > 0; rows--)
        {
            counter[random.Next(22, 25)]++;
        }

        return OwaVector.FromCounts(counter);
    }

    private static OwaVector Vector(params (int Score, int Count)[] pairs) =>
        OwaVector.FromCounts(WorkedExampleTests.Counts(pairs));
}
