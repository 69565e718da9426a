using System.Runtime.InteropServices;
using Mesa.GeoParquet.Columns;

namespace Mesa.GeoParquet.Writing;

/// <summary>
/// Assigns dictionary ids to the distinct byte strings of a column without materialising them:
/// keys are row numbers, compared by the bytes they point at.
/// </summary>
internal sealed class ByteValueDictionary
{
    private readonly Dictionary<int, int> _idByRow;
    private readonly List<int> _firstRows = [];
    private readonly ByteArrayBuffer _values;

    public ByteValueDictionary(ByteArrayBuffer values)
    {
        _values = values;
        _idByRow = new Dictionary<int, int>(new RowBytesComparer(values));
    }

    public int Count => _firstRows.Count;

    /// <summary>Total bytes of the distinct values.</summary>
    public long ByteSize { get; private set; }

    /// <summary>Row numbers holding each distinct value, in id order.</summary>
    public ReadOnlySpan<int> FirstRows => CollectionsMarshal.AsSpan(_firstRows);

    public int IdOf(int row)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_idByRow, row, out var exists);
        if (!exists)
        {
            id = _firstRows.Count;
            _firstRows.Add(row);
            ByteSize += _values[row].Length + 4;
        }
        return id;
    }

    private sealed class RowBytesComparer(ByteArrayBuffer values) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => values[x].SequenceEqual(values[y]);

        public int GetHashCode(int row)
        {
            var hash = new HashCode();
            hash.AddBytes(values[row]);
            return hash.ToHashCode();
        }
    }
}
