using System.Collections;
using Mesa.GeoParquet.Columns;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Row groups decoded one by one as the enumeration advances. Unlike a <c>yield</c> iterator it lets go of the
/// previous batch before decoding the next, so a caller that keeps no batch holds one row group at a time.
/// </summary>
internal sealed class RowGroupSequence(ParquetReader reader, IReadOnlyList<string>? columns) : IEnumerable<RowBatch>
{
    public IEnumerator<RowBatch> GetEnumerator() => new Enumerator(reader, columns);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator(ParquetReader reader, IReadOnlyList<string>? columns) : IEnumerator<RowBatch>
    {
        private int _next;
        private RowBatch? _current;

        public RowBatch Current => _current ?? throw new InvalidOperationException("The enumeration has not started or has ended.");

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            _current = null;
            if (_next >= reader.RowGroupCount) return false;
            _current = reader.ReadRowGroup(_next++, columns);
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose() => _current = null;
    }
}
