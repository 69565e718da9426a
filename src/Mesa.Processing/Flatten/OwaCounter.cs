namespace Mesa.Processing.Flatten;

/// <summary>Accumulates one cell's OWA counts in <see cref="OwaVector"/>'s sparse packing.</summary>
internal struct OwaCounter
{
    private long[]? _entries;
    private int _length;

    /// <summary>Counts a row: s = round(sensitivity), ignored outside 1..25 (0 = not assessed).</summary>
    public void AddSensitivity(int? sensitivity)
    {
        if (sensitivity is int s && s is >= 1 and <= OwaVector.MaxScore)
        {
            Add(s, 1);
        }
    }

    public void Add(int score, uint count)
    {
        if (count == 0)
        {
            return;
        }

        int at = 0;
        while (at < _length && OwaVector.ScoreOf(_entries![at]) > score)
        {
            at++;
        }

        if (at < _length && OwaVector.ScoreOf(_entries![at]) == score)
        {
            uint total = checked(OwaVector.CountOf(_entries[at]) + count);
            _entries[at] = OwaVector.Pack(score, total);
            return;
        }

        if (_entries is null || _length == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Min(OwaVector.MaxScore, Math.Max(4, _length * 2)));
        }

        Array.Copy(_entries, at, _entries, at + 1, _length - at);
        _entries[at] = OwaVector.Pack(score, count);
        _length++;
    }

    public void Merge(in OwaCounter other)
    {
        for (int i = 0; i < other._length; i++)
        {
            long entry = other._entries![i];
            Add(OwaVector.ScoreOf(entry), OwaVector.CountOf(entry));
        }
    }

    // A copy, so the vector stays immutable if this counter keeps counting.
    public readonly OwaVector ToVector() => new(_entries.AsSpan(0, _length).ToArray());
}
