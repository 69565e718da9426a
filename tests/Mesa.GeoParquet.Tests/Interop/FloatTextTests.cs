using System.Globalization;

using Mesa.GeoParquet.Columns;

namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>FloatText lays floats out exactly as tools/interop/canonical.mjs does.</summary>
public sealed class FloatTextTests
{
    private static readonly string[] NotableDoubles =
        ["0.1", "1e21", "1e20", "1e-7", "1e-6", "123456789012345680000", "5e-324", "1.7976931348623157e308", "-2.5", "0.3333333333333333", "100"];

    [Fact]
    public void Floats_match_node_for_notable_and_random_bit_patterns()
    {
        var random = new Random(20240611);
        var singles = new List<float> { 0.1f, 1e-45f, float.MaxValue, float.MinValue, 16777216f, 1.17549435e-38f, -0f, float.NaN, 8388608f, 123456.79f, 3082972.25f };
        var doubles = NotableDoubles.Select(s => double.Parse(s, CultureInfo.InvariantCulture)).Append(-0d).Append(double.NegativeInfinity).ToList();
        for (var i = 0; i < 2000; i++)
        {
            singles.Add(BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31)));
            doubles.Add(BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63)));
        }

        var nodeSingles = NodeInterop.RunJson("canonical-floats.mjs",
            ["float32", .. singles.Select(f => BitConverter.SingleToUInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture))]);
        var nodeDoubles = NodeInterop.RunJson("canonical-floats.mjs",
            ["float64", .. doubles.Select(d => BitConverter.DoubleToUInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture))]);

        Assert.Equal(nodeSingles.EnumerateArray().Select(e => e.GetString()), singles.Select(FloatText.Format));
        Assert.Equal(nodeDoubles.EnumerateArray().Select(e => e.GetString()), doubles.Select(FloatText.Format));
    }
}
