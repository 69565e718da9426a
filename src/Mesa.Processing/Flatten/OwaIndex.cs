using System.Runtime.InteropServices;

namespace Mesa.Processing.Flatten;

/// <summary>tbl_flat's <c>index_owa</c> (spec section 5), over all cells of all geocode groups.</summary>
public static class OwaIndex
{
    /// <summary>
    /// index_owa per vector, in input order. Vectors are dense-ranked descending (equal vectors
    /// share a rank, best = 1) over D distinct vectors, the all-zero one included; then
    /// clip(round_half_even((D - dense + 1) / D * 100), 1, 100), and 0 for all-zero vectors.
    /// </summary>
    /// <remarks>
    /// Distinct vectors are hashed first and only those are sorted: cells repeat the same few
    /// vectors, so this stays near linear for the ten million cells of a large project.
    /// </remarks>
    public static long[] Compute(IReadOnlyList<OwaVector> vectors)
    {
        int n = vectors.Count;
        var result = new long[n];
        var distinctIds = new int[n];
        var idOf = new Dictionary<OwaVector, int>();
        var distinct = new List<OwaVector>();
        bool anyNonZero = false;

        for (int i = 0; i < n; i++)
        {
            OwaVector vector = vectors[i];
            anyNonZero |= !vector.IsZero;
            ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(idOf, vector, out bool seen);
            if (!seen)
            {
                id = distinct.Count;
                distinct.Add(vector);
            }

            distinctIds[i] = id;
        }

        if (!anyNonZero)
        {
            return result;
        }

        OwaVector[] ranked = [.. distinct];
        int[] rankedIds = [.. Enumerable.Range(0, ranked.Length)];
        Array.Sort(ranked, rankedIds, Comparer<OwaVector>.Create((a, b) => b.CompareTo(a)));

        // Distinct vectors sorted descending: the dense rank is the position + 1.
        var indexOfId = new long[ranked.Length];
        for (int position = 0; position < ranked.Length; position++)
        {
            indexOfId[rankedIds[position]] = ranked[position].IsZero ? 0 : Score(ranked.Length, position + 1);
        }

        for (int i = 0; i < n; i++)
        {
            result[i] = indexOfId[distinctIds[i]];
        }

        return result;
    }

    /// <summary>
    /// The formula in MESA's float64 order of operations (divide, then scale), so ties at .5 fall
    /// exactly where numpy's would before rounding half to even.
    /// </summary>
    internal static long Score(int distinct, int dense)
    {
        double scaled = (double)(distinct - dense + 1) / distinct * 100.0;
        return Math.Clamp((long)Math.Round(scaled, MidpointRounding.ToEven), 1, 100);
    }
}
