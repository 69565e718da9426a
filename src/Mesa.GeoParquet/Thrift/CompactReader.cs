using System.Buffers.Binary;
using System.Text;

namespace Mesa.GeoParquet.Thrift;

/// <summary>
/// Reads Thrift compact protocol values from untrusted bytes. Every length and count is checked against the
/// bytes that remain, and nesting is bounded, so a hostile footer fails fast instead of allocating or recursing
/// without limit.
/// </summary>
internal ref struct CompactReader
{
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _what;
    private int _position;
    private int _depth;

    public CompactReader(ReadOnlySpan<byte> data, string what)
    {
        _data = data;
        _what = what;
    }

    public readonly int Position => _position;

    private readonly int Remaining => _data.Length - _position;

    /// <summary>Reads the next field header of the current struct; false at its STOP byte.</summary>
    /// <param name="lastFieldId">The previous field id of this struct (0 at its start); updated.</param>
    public bool NextField(ref short lastFieldId, out short fieldId, out CompactType type)
    {
        var header = ReadRawByte();
        type = (CompactType)(header & 0x0F);
        if (type == CompactType.Stop)
        {
            fieldId = 0;
            return false;
        }
        if (type > CompactType.Struct)
            throw Corrupt($"unknown wire type {(int)type}");
        var delta = header >> 4;
        fieldId = delta == 0 ? ReadI16() : (short)(lastFieldId + delta);
        lastFieldId = fieldId;
        return true;
    }

    /// <summary>Call on entering a nested struct; pairs with <see cref="LeaveStruct"/>.</summary>
    public void EnterStruct()
    {
        if (++_depth > MaxDepth)
            throw Corrupt($"structures nested deeper than {MaxDepth}");
    }

    public void LeaveStruct() => _depth--;

    public bool ReadBool(CompactType fieldType) => fieldType switch
    {
        CompactType.BooleanTrue => true,
        CompactType.BooleanFalse => false,
        _ => throw Corrupt($"expected a boolean field, found wire type {fieldType}"),
    };

    public sbyte ReadI8() => (sbyte)ReadRawByte();

    public short ReadI16()
    {
        var value = ReadZigZag(16);
        return (short)value;
    }

    public int ReadI32() => (int)ReadZigZag(32);

    public long ReadI64() => ReadZigZag(64);

    public double ReadDouble()
    {
        if (Remaining < 8)
            throw Truncated();
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_position, 8));
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = ReadVarUInt(32);
        if (length > (ulong)Remaining)
            throw Corrupt($"a binary value claims {length} bytes but only {Remaining} remain");
        var value = _data.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    public byte[] ReadBytes() => ReadBinary().ToArray();

    public string ReadString()
    {
        var bytes = ReadBinary();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt("a string is not valid UTF-8");
        }
    }

    /// <summary>Reads a list or set header; the count is bounded by the bytes left, since every element takes at least one.</summary>
    public int ReadListHeader(out CompactType elementType)
    {
        var header = ReadRawByte();
        elementType = (CompactType)(header & 0x0F);
        var size = (ulong)(header >> 4);
        if (size == 15)
            size = ReadVarUInt(32);
        if (size > (ulong)Remaining)
            throw Corrupt($"a list claims {size} elements but only {Remaining} bytes remain");
        return (int)size;
    }

    /// <summary>Skips a value of the given wire type (fields this library does not use).</summary>
    public void Skip(CompactType type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                return; // the value lives in the field header
            case CompactType.Byte:
                ReadRawByte();
                return;
            case CompactType.I16:
            case CompactType.I32:
            case CompactType.I64:
                ReadVarUInt(64);
                return;
            case CompactType.Double:
                ReadDouble();
                return;
            case CompactType.Binary:
                ReadBinary();
                return;
            case CompactType.List:
            case CompactType.Set:
                SkipList();
                return;
            case CompactType.Map:
                SkipMap();
                return;
            case CompactType.Struct:
                SkipStruct();
                return;
            default:
                throw Corrupt($"cannot skip wire type {(int)type}");
        }
    }

    public void SkipStruct()
    {
        EnterStruct();
        short last = 0;
        while (NextField(ref last, out _, out var type))
            Skip(type);
        LeaveStruct();
    }

    public ParquetFormatException Corrupt(string problem) =>
        new($"{_what} is corrupt at byte {_position}: {problem}.");

    private void SkipList()
    {
        var count = ReadListHeader(out var elementType);
        EnterStruct();
        for (var i = 0; i < count; i++)
        {
            // Inside containers booleans are one byte each rather than part of a field header.
            if (elementType is CompactType.BooleanTrue or CompactType.BooleanFalse)
                ReadRawByte();
            else
                Skip(elementType);
        }
        LeaveStruct();
    }

    private void SkipMap()
    {
        var count = ReadVarUInt(32);
        if (count == 0)
            return;
        if (count > (ulong)Remaining)
            throw Corrupt($"a map claims {count} entries but only {Remaining} bytes remain");
        var types = ReadRawByte();
        var keyType = (CompactType)(types >> 4);
        var valueType = (CompactType)(types & 0x0F);
        EnterStruct();
        for (var i = 0UL; i < count; i++)
        {
            SkipContainerElement(keyType);
            SkipContainerElement(valueType);
        }
        LeaveStruct();
    }

    private void SkipContainerElement(CompactType type)
    {
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse)
            ReadRawByte();
        else
            Skip(type);
    }

    private byte ReadRawByte()
    {
        if (Remaining < 1)
            throw Truncated();
        return _data[_position++];
    }

    private long ReadZigZag(int bits)
    {
        var raw = ReadVarUInt(bits);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    private ulong ReadVarUInt(int bits)
    {
        ulong result = 0;
        for (var shift = 0; shift < bits + 7; shift += 7)
        {
            var b = ReadRawByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (bits < 64 && result >> bits != 0)
                    throw Corrupt($"a varint does not fit in {bits} bits");
                return result;
            }
        }
        throw Corrupt($"a varint is longer than a {bits}-bit value allows");
    }

    private readonly ParquetFormatException Truncated() =>
        new($"{_what} is truncated: it ends at byte {_data.Length} in the middle of a value.");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
