using System.Collections;

namespace Mesa.Tiles.Collections;

/// <summary>
/// An append-only list in fixed blocks of 64K items: growing never copies, and the slack is under one block,
/// so a group's millions of vertices need no doubling headroom (which a <see cref="List{T}"/> would hold at its peak).
/// </summary>
public sealed class BlockList<T> : IReadOnlyList<T>
{
    private const int Shift = 16;
    private const int BlockSize = 1 << Shift;

    private readonly List<T[]> _blocks = [];

    public int Count { get; private set; }

    public T this[int index] => (uint)index < (uint)Count
        ? _blocks[index >> Shift][index & (BlockSize - 1)]
        : throw new ArgumentOutOfRangeException(nameof(index), $"{index} is outside 0..{Count - 1}.");

    public void Add(T item)
    {
        if ((Count & (BlockSize - 1)) == 0 && Count >> Shift == _blocks.Count) _blocks.Add(new T[BlockSize]);
        _blocks[Count >> Shift][Count & (BlockSize - 1)] = item;
        Count++;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _blocks[i >> Shift][i & (BlockSize - 1)];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
