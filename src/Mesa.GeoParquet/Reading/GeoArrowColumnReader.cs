using System.Buffers.Binary;
using Mesa.GeoParquet.Columns;
using Mesa.GeoParquet.Geo;
using Mesa.GeoParquet.Schema;
using ParquetSharp.Schema;
using Native = ParquetSharp;

namespace Mesa.GeoParquet.Reading;

/// <summary>
/// Reads a GeoArrow-encoded geometry column (GeoParquet 1.1 native encodings: nested lists of
/// {x, y} structs) and turns each row into little-endian 2D WKB, the form every other geometry
/// column has. The x and y leaves are read with their repetition and definition levels, which are
/// turned into per-level list offsets (as Arrow's list arrays hold them) before WKB is written.
/// </summary>
internal static class GeoArrowColumnReader
{
    private const int BatchSize = 8192;

    /// <summary>Checks that the column's leaves are x and y doubles nested as deep as the encoding says.</summary>
    public static GeoArrowLayout Layout(Native.SchemaDescriptor schema, int[] leaves, string column, GeoArrowEncoding encoding, string fileName)
    {
        var depth = GeoArrowEncodingNames.ListDepth(encoding);
        int x = -1, y = -1;
        foreach (var leaf in leaves)
        {
            var descriptor = schema.Column(leaf);
            var name = descriptor.Name;
            if (name is not ("x" or "y" or "z" or "m")) continue;
            if (descriptor.PhysicalType != Native.PhysicalType.Double || descriptor.MaxRepetitionLevel != depth)
                throw new ParquetFormatException($"{fileName}: geometry column '{column}' is declared as GeoArrow '{GeoArrowEncodingNames.Of(encoding)}' but its '{name}' coordinates are not doubles nested {depth} list(s) deep.");
            if (name == "x") x = leaf;
            if (name == "y") y = leaf;
        }
        if (x < 0 || y < 0)
            throw new ParquetFormatException($"{fileName}: geometry column '{column}' is declared as GeoArrow '{GeoArrowEncodingNames.Of(encoding)}' but has no x and y coordinate fields (only the separated {{x, y}} layout is supported).");
        return Levels(schema.Column(x).SchemaNode, encoding, x, y);
    }

    private static GeoArrowLayout Levels(Node leaf, GeoArrowEncoding encoding, int x, int y)
    {
        var path = new List<Node>();
        for (var node = leaf; node.Parent is { } parent; node = parent) path.Add(node);
        path.Reverse();
        var listDefined = new List<short> { 0 };
        var elementPresent = new List<short> { 0 };
        short level = 0;
        short geometry = 0;
        for (var i = 0; i < path.Count; i++)
        {
            var repetition = path[i].Repetition;
            if (repetition == Native.Repetition.Repeated) listDefined.Add(level);
            if (repetition != Native.Repetition.Required) level++;
            if (repetition == Native.Repetition.Repeated) elementPresent.Add(level);
            if (i == 0) geometry = level;
        }
        foreach (var node in path) node.Dispose();
        return new GeoArrowLayout(encoding, x, y, geometry, [.. listDefined], [.. elementPresent], level);
    }

    public static BinaryColumn Read(Native.RowGroupReader group, ColumnDescriptor descriptor, GeoArrowLayout layout, int rows)
    {
        var x = ReadLeaf(group, layout.XLeaf);
        var y = ReadLeaf(group, layout.YLeaf);
        if (x.Count != y.Count || x.ValueCount != y.ValueCount
            || !x.Definition.AsSpan(0, x.Count).SequenceEqual(y.Definition.AsSpan(0, y.Count))
            || !x.Repetition.AsSpan(0, x.Count).SequenceEqual(y.Repetition.AsSpan(0, y.Count)))
            throw new ParquetFormatException("the x and y coordinates do not line up.");
        var offsets = new ListOffsets(layout, rows);
        offsets.Build(x);
        return offsets.ToWkb(descriptor, x.Values, y.Values);
    }

    private static Leaf ReadLeaf(Native.RowGroupReader group, int index)
    {
        using var reader = (Native.ColumnReader<double>)group.Column(index);
        var leaf = new Leaf();
        while (reader.HasNext)
        {
            leaf.Reserve(BatchSize);
            var levels = reader.ReadBatch(BatchSize, leaf.Definition.AsSpan(leaf.Count, BatchSize), leaf.Repetition.AsSpan(leaf.Count, BatchSize), leaf.Values.AsSpan(leaf.ValueCount, BatchSize), out var values);
            if (levels == 0) break;
            leaf.Count += (int)levels;
            leaf.ValueCount += (int)values;
        }
        return leaf;
    }

    /// <summary>The levels and packed values of one coordinate leaf, grown as batches arrive.</summary>
    private sealed class Leaf
    {
        public short[] Definition = new short[BatchSize];
        public short[] Repetition = new short[BatchSize];
        public double[] Values = new double[BatchSize];
        public int Count;
        public int ValueCount;

        public void Reserve(int more)
        {
            if (Count + more > Definition.Length)
            {
                var size = Math.Max(Definition.Length * 2, Count + more);
                Array.Resize(ref Definition, size);
                Array.Resize(ref Repetition, size);
            }
            if (ValueCount + more > Values.Length) Array.Resize(ref Values, Math.Max(Values.Length * 2, ValueCount + more));
        }
    }

    /// <summary>Per nesting level k, where each list starts among the items of level k + 1 (coordinates at the deepest level).</summary>
    private sealed class ListOffsets(GeoArrowLayout layout, int rows)
    {
        private readonly List<int>[] _starts = Enumerable.Range(0, layout.Depth + 1).Select(_ => new List<int>()).ToArray();
        private readonly int[] _rowFirst = new int[rows + 1];
        private readonly bool[] _rowNull = new bool[rows];
        private int _coordinates;

        private int Items(int level) => level < layout.Depth ? _starts[level + 1].Count : _coordinates;

        private int End(int level, int list) => list + 1 < _starts[level].Count ? _starts[level][list + 1] : Items(level);

        public void Build(Leaf leaf)
        {
            var depth = layout.Depth;
            var row = -1;
            for (var i = 0; i < leaf.Count; i++)
            {
                int repetition = leaf.Repetition[i], definition = leaf.Definition[i];
                if (repetition == 0)
                {
                    if (++row >= rows) throw new ParquetFormatException($"the coordinates hold more than {rows} rows.");
                    _rowFirst[row] = depth == 0 ? _coordinates : _starts[1].Count;
                    _rowNull[row] = definition < layout.GeometryDefined;
                }
                else if (row < 0)
                {
                    throw new ParquetFormatException("the first coordinate continues a row that was never started.");
                }
                if (definition < layout.GeometryDefined) continue;
                var present = true;
                for (var level = Math.Max(repetition, 0) + 1; level <= depth && present; level++)
                {
                    // A list at this level starts here; a null list reads as an empty one.
                    _starts[level].Add(Items(level));
                    present = definition >= layout.ElementPresent[level];
                }
                if (!present) continue;
                if (definition < layout.CoordinateDefined)
                    throw new ParquetFormatException($"row {row} has a null coordinate.");
                _coordinates++;
            }
            if (row != rows - 1) throw new ParquetFormatException($"the coordinates hold {row + 1} rows for {rows}.");
            _rowFirst[rows] = depth == 0 ? _coordinates : _starts[1].Count;
        }

        public BinaryColumn ToWkb(ColumnDescriptor descriptor, double[] xs, double[] ys)
        {
            var buffer = new ByteArrayBuffer(rows, _coordinates * 16 + rows * 16);
            bool[]? defined = null;
            var wkb = new WkbWriter(buffer, xs, ys);
            for (var row = 0; row < rows; row++)
            {
                if (_rowNull[row])
                {
                    defined ??= Enumerable.Repeat(true, rows).ToArray();
                    defined[row] = false;
                    buffer.Reserve(0);
                    continue;
                }
                var first = _rowFirst[row];
                if (layout.Depth > 0 && _rowFirst[row + 1] - first != 1)
                    throw new ParquetFormatException($"row {row} holds {_rowFirst[row + 1] - first} geometries.");
                wkb.Begin();
                switch (layout.Encoding)
                {
                    case GeoArrowEncoding.Point:
                        if (_rowFirst[row + 1] == first) wkb.EmptyPoint();
                        else wkb.Point(first);
                        break;
                    case GeoArrowEncoding.LineString:
                        wkb.Header(2);
                        WriteCoordinates(wkb, 1, first);
                        break;
                    case GeoArrowEncoding.Polygon:
                        wkb.Header(3);
                        WriteRings(wkb, 1, first);
                        break;
                    case GeoArrowEncoding.MultiPoint:
                        wkb.Header(4);
                        wkb.Count(End(1, first) - _starts[1][first]);
                        for (var c = _starts[1][first]; c < End(1, first); c++) wkb.Point(c);
                        break;
                    case GeoArrowEncoding.MultiLineString:
                        wkb.Header(5);
                        wkb.Count(End(1, first) - _starts[1][first]);
                        for (var part = _starts[1][first]; part < End(1, first); part++)
                        {
                            wkb.Header(2);
                            WriteCoordinates(wkb, 2, part);
                        }
                        break;
                    case GeoArrowEncoding.MultiPolygon:
                        wkb.Header(6);
                        wkb.Count(End(1, first) - _starts[1][first]);
                        for (var part = _starts[1][first]; part < End(1, first); part++)
                        {
                            wkb.Header(3);
                            WriteRings(wkb, 2, part);
                        }
                        break;
                }
                wkb.End();
            }
            return new BinaryColumn(descriptor, buffer, defined);
        }

        private void WriteCoordinates(WkbWriter wkb, int level, int list)
        {
            wkb.Count(End(level, list) - _starts[level][list]);
            for (var c = _starts[level][list]; c < End(level, list); c++) wkb.Coordinate(c);
        }

        private void WriteRings(WkbWriter wkb, int level, int list)
        {
            wkb.Count(End(level, list) - _starts[level][list]);
            for (var ring = _starts[level][list]; ring < End(level, list); ring++) WriteCoordinates(wkb, level + 1, ring);
        }
    }

    /// <summary>Appends little-endian 2D WKB of one row at a time to a buffer.</summary>
    private sealed class WkbWriter(ByteArrayBuffer buffer, double[] xs, double[] ys)
    {
        private byte[] _bytes = new byte[256];
        private int _length;

        public void Begin() => _length = 0;

        public void End() => buffer.Add(_bytes.AsSpan(0, _length));

        public void Header(uint type)
        {
            Grow(5);
            _bytes[_length++] = 1;
            BinaryPrimitives.WriteUInt32LittleEndian(_bytes.AsSpan(_length), type);
            _length += 4;
        }

        public void Count(int count)
        {
            Grow(4);
            BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(_length), count);
            _length += 4;
        }

        public void Coordinate(int index) => Pair(xs[index], ys[index]);

        public void Point(int index)
        {
            Header(1);
            Coordinate(index);
        }

        public void EmptyPoint()
        {
            Header(1);
            Pair(double.NaN, double.NaN);
        }

        private void Pair(double x, double y)
        {
            Grow(16);
            BinaryPrimitives.WriteDoubleLittleEndian(_bytes.AsSpan(_length), x);
            BinaryPrimitives.WriteDoubleLittleEndian(_bytes.AsSpan(_length + 8), y);
            _length += 16;
        }

        private void Grow(int more)
        {
            if (_length + more > _bytes.Length) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + more));
        }
    }
}
