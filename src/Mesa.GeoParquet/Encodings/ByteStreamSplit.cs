using System.Buffers;

namespace Mesa.GeoParquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT: byte k of every value goes to stream k, and the streams are stored one after another.
/// Grouping the exponent bytes of floats together makes the page compress much better.
/// </summary>
internal static class ByteStreamSplit
{
    private const string What = "BYTE_STREAM_SPLIT";

    /// <summary>
    /// Joins <paramref name="count"/> values of <paramref name="width"/> bytes back into <paramref name="output"/>
    /// (<c>count * width</c> bytes, each value little-endian); returns the bytes consumed.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int count, int width, Span<byte> output)
    {
        if (width <= 0)
            throw new ParquetFormatException($"{What}: value width {width} must be positive.");
        var bytes = (long)count * width;
        if (count < 0 || bytes > data.Length)
            throw new ParquetFormatException($"{What}: {count} values of {width} bytes need {bytes} bytes but only {data.Length} remain.");
        if (output.Length != bytes)
            throw new ArgumentException($"Output holds {output.Length} bytes, expected {bytes}.", nameof(output));
        for (var k = 0; k < width; k++)
        {
            var stream = data.Slice(k * count, count);
            for (var i = 0; i < stream.Length; i++) output[i * width + k] = stream[i];
        }
        return (int)bytes;
    }

    /// <summary>Splits <paramref name="values"/>, a whole number of <paramref name="width"/>-byte values, into streams.</summary>
    public static void Encode(ReadOnlySpan<byte> values, int width, IBufferWriter<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Length % width != 0)
            throw new ArgumentException($"{values.Length} bytes are not a whole number of {width}-byte values.", nameof(values));
        var count = values.Length / width;
        var span = output.GetSpan(values.Length)[..values.Length];
        for (var k = 0; k < width; k++)
        {
            var stream = span.Slice(k * count, count);
            for (var i = 0; i < stream.Length; i++) stream[i] = values[i * width + k];
        }
        output.Advance(values.Length);
    }
}
