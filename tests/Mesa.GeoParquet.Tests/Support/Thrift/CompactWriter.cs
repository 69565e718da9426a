using System.Buffers;
using System.Text;

namespace Mesa.GeoParquet.Tests.Support.Thrift;

/// <summary>Writes Thrift compact protocol values. Field ids are delta-encoded against the enclosing struct's previous field.</summary>
internal sealed class CompactWriter(IBufferWriter<byte> output)
{
    private readonly Stack<short> _enclosingLastFieldIds = new();
    private short _lastFieldId;

    public void BeginStruct()
    {
        _enclosingLastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public void EndStruct()
    {
        WriteByte((byte)CompactType.Stop);
        _lastFieldId = _enclosingLastFieldIds.Pop();
    }

    public void FieldI32(short id, int value)
    {
        FieldHeader(id, CompactType.I32);
        WriteZigZag(value);
    }

    public void FieldI64(short id, long value)
    {
        FieldHeader(id, CompactType.I64);
        WriteZigZag(value);
    }

    public void FieldI16(short id, short value)
    {
        FieldHeader(id, CompactType.I16);
        WriteZigZag(value);
    }

    public void FieldI8(short id, sbyte value)
    {
        FieldHeader(id, CompactType.Byte);
        WriteByte((byte)value);
    }

    public void FieldBool(short id, bool value) =>
        FieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    public void FieldString(short id, string value)
    {
        FieldHeader(id, CompactType.Binary);
        WriteString(value);
    }

    public void FieldBinary(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, CompactType.Binary);
        WriteBinary(value);
    }

    /// <summary>Starts a nested struct field; write its fields, then call <see cref="EndStruct"/>.</summary>
    public void FieldStructBegin(short id)
    {
        FieldHeader(id, CompactType.Struct);
        BeginStruct();
    }

    /// <summary>Writes an empty struct field (Thrift unions of marker structs, e.g. StringType).</summary>
    public void FieldEmptyStruct(short id)
    {
        FieldStructBegin(id);
        EndStruct();
    }

    /// <summary>Starts a list field; follow with exactly <paramref name="count"/> elements.</summary>
    public void FieldListBegin(short id, CompactType elementType, int count)
    {
        FieldHeader(id, CompactType.List);
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | (byte)elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | (byte)elementType));
            WriteVarUInt((uint)count);
        }
    }

    public void ElementI32(int value) => WriteZigZag(value);

    public void ElementString(string value) => WriteString(value);

    private void FieldHeader(short id, CompactType type)
    {
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | (byte)type));
        }
        else
        {
            WriteByte((byte)type);
            WriteZigZag(id);
        }
        _lastFieldId = id;
    }

    private void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)length);
        var span = output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        output.Advance(length);
    }

    private void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarUInt((uint)value.Length);
        output.Write(value);
    }

    private void WriteZigZag(long value) => WriteVarUInt((ulong)((value << 1) ^ (value >> 63)));

    private void WriteVarUInt(ulong value)
    {
        var span = output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        output.Advance(n);
    }

    private void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
