using System.Runtime.InteropServices;

namespace Mesa.Processing.Flatten;

/// <summary>
/// One cell's OWA counts n1..n25 (rows per rounded sensitivity). Stored sparse, since a cell
/// touches a handful of scores and tbl_flat can hold ten million cells: each entry packs
/// <c>(score &lt;&lt; 32) | count</c>, entries ordered by score descending, zero counts absent.
/// With that packing, comparing entries as integers compares (score, count), which makes the
/// lexicographic order on (n25, ..., n1) a plain element-wise comparison.
/// </summary>
public readonly struct OwaVector : IEquatable<OwaVector>, IComparable<OwaVector>
{
    public const int MaxScore = 25;

    private readonly long[]? _entries;

    internal OwaVector(long[] entries) => _entries = entries.Length == 0 ? null : entries;

    /// <summary>True when every n_s is zero (no assessed row): index_owa is then 0.</summary>
    public bool IsZero => _entries is null;

    internal ReadOnlySpan<long> Entries => _entries;

    /// <summary>Builds a vector from dense counts, <paramref name="countsByScore"/>[s - 1] = n_s.</summary>
    public static OwaVector FromCounts(ReadOnlySpan<int> countsByScore)
    {
        if (countsByScore.Length > MaxScore)
        {
            throw new ArgumentException($"At most {MaxScore} counts (n1..n{MaxScore}).", nameof(countsByScore));
        }

        var counter = new OwaCounter();
        for (int s = countsByScore.Length; s >= 1; s--)
        {
            int count = countsByScore[s - 1];
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(countsByScore));
            counter.Add(s, (uint)count);
        }

        return counter.ToVector();
    }

    /// <summary>n_s, the number of rows whose rounded sensitivity is <paramref name="score"/>.</summary>
    public int Count(int score)
    {
        foreach (long entry in Entries)
        {
            if (ScoreOf(entry) == score)
            {
                return checked((int)CountOf(entry));
            }
        }

        return 0;
    }

    /// <summary>Lexicographic order on (n25, ..., n1): positive when this vector ranks higher.</summary>
    public int CompareTo(OwaVector other)
    {
        ReadOnlySpan<long> mine = Entries;
        ReadOnlySpan<long> theirs = other.Entries;
        int shared = Math.Min(mine.Length, theirs.Length);
        for (int i = 0; i < shared; i++)
        {
            if (mine[i] != theirs[i])
            {
                return mine[i].CompareTo(theirs[i]);
            }
        }

        // Equal so far: the longer one has a further non-zero count where the other has zero.
        return mine.Length.CompareTo(theirs.Length);
    }

    public bool Equals(OwaVector other) => Entries.SequenceEqual(other.Entries);

    public override bool Equals(object? obj) => obj is OwaVector other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes(Entries));
        return hash.ToHashCode();
    }

    public static bool operator ==(OwaVector left, OwaVector right) => left.Equals(right);

    public static bool operator !=(OwaVector left, OwaVector right) => !left.Equals(right);

    public override string ToString()
    {
        var parts = new List<string>();
        foreach (long entry in Entries)
        {
            parts.Add($"n{ScoreOf(entry)}={CountOf(entry)}");
        }

        return parts.Count == 0 ? "(zero)" : string.Join(" ", parts);
    }

    internal static long Pack(int score, uint count) => ((long)score << 32) | count;

    internal static int ScoreOf(long entry) => (int)(entry >> 32);

    internal static uint CountOf(long entry) => (uint)entry;
}
