using System.Text;
using Mesa.GeoParquet.Columns;

namespace Mesa.GeoParquet.Tests.Encodings;

/// <summary>Builds and compares <see cref="ByteArrayBuffer"/>s for the byte-array encoding tests.</summary>
internal static class ByteArrays
{
    public static ByteArrayBuffer Of(params string[] values)
    {
        var buffer = new ByteArrayBuffer();
        foreach (var value in values) buffer.Add(Encoding.UTF8.GetBytes(value));
        return buffer;
    }

    public static ByteArrayBuffer Of(IEnumerable<byte[]> values)
    {
        var buffer = new ByteArrayBuffer();
        foreach (var value in values) buffer.Add(value);
        return buffer;
    }

    /// <summary>Row indices 0..count-1, for encoding every value in order.</summary>
    public static int[] AllRows(ByteArrayBuffer values) => Enumerable.Range(0, values.Count).ToArray();

    public static string[] ToStrings(ByteArrayBuffer buffer) =>
        Enumerable.Range(0, buffer.Count).Select(i => Encoding.UTF8.GetString(buffer[i])).ToArray();

    public static void Equal(ByteArrayBuffer expected, ByteArrayBuffer actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(expected[i].SequenceEqual(actual[i]), $"value {i} differs");
    }

    /// <summary>Random byte strings of 0..maxLength bytes, many sharing prefixes with their neighbour.</summary>
    public static ByteArrayBuffer Random(int count, int maxLength, int seed)
    {
        var random = new Random(seed);
        var values = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var value = new byte[random.Next(maxLength + 1)];
            random.NextBytes(value);
            if (i > 0 && random.Next(2) == 0)
            {
                var shared = Math.Min(values[^1].Length, value.Length);
                values[^1].AsSpan(0, random.Next(shared + 1)).CopyTo(value);
            }
            values.Add(value);
        }
        return Of(values);
    }
}
