namespace Mesa.Processing.Flatten;

/// <summary>
/// A small sorted set in one array. A cell sees tens of asset groups at most, so binary search
/// and insertion beat a hash set per cell in both memory and time, and the names come out sorted.
/// </summary>
internal struct SortedDistinct<T>
{
    private T[]? _items;
    private int _count;

    public readonly int Count => _count;

    public readonly ReadOnlySpan<T> Items => _items.AsSpan(0, _count);

    public void Add(T item, IComparer<T> comparer)
    {
        int at = _items is null ? ~0 : Array.BinarySearch(_items, 0, _count, item, comparer);
        if (at >= 0)
        {
            return;
        }

        at = ~at;
        if (_items is null || _count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _count * 2));
        }

        Array.Copy(_items, at, _items, at + 1, _count - at);
        _items[at] = item;
        _count++;
    }

    public void Merge(in SortedDistinct<T> other, IComparer<T> comparer)
    {
        foreach (T item in other.Items)
        {
            Add(item, comparer);
        }
    }
}
