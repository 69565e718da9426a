using System.Buffers.Binary;
using Mesa.Fuzzing.Harness;
using Mesa.Processing.Import;

namespace Mesa.Fuzzing.Targets;

/// <summary>GeoPackage geometry blobs ("GP" header, optional envelope, then WKB), refused with an <see cref="InvalidDataException"/>.</summary>
public sealed class GeoPackageBlobTarget : FuzzTarget
{
    public override string Name => "gpkg-blob";

    protected override IReadOnlyList<byte[]> Dictionary => ["GP"u8.ToArray()];

    public override void Run(byte[] input)
    {
        GeoPackageGeometry.ReadHeader(input);
        _ = GeoPackageGeometry.Decode(input)?.EnvelopeInternal;
    }

    public override bool IsDocumented(Exception error) => error is InvalidDataException;

    protected override IReadOnlyList<byte[]> BuildSeeds()
    {
        using var wkb = new WkbTarget();
        return wkb.Seeds.Select(w => Blob(new Random(w.Length), w, envelopeIndicator: w.Length % 5)).ToArray();
    }

    protected override byte[]? Generate(Random random) => Blob(random, WkbGenerator.Generate(random), random.Next(6));

    /// <summary>A blob with the given envelope indicator (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm; 5 is invalid), either header byte order, sometimes flagged empty.</summary>
    private static byte[] Blob(Random random, byte[] wkb, int envelopeIndicator)
    {
        var little = random.Next(2) == 0;
        var doubles = envelopeIndicator switch { 0 => 0, 1 => 4, 2 or 3 => 6, _ => 8 };
        var header = new byte[8 + 8 * doubles];
        header[0] = (byte)'G';
        header[1] = (byte)'P';
        header[3] = (byte)((little ? 1 : 0) | envelopeIndicator << 1 | (random.Next(8) == 0 ? 0x10 : 0));
        if (little) BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), 4326);
        else BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), 4326);
        for (var i = 0; i < doubles; i++)
        {
            if (little) BinaryPrimitives.WriteDoubleLittleEndian(header.AsSpan(8 + 8 * i), random.NextDouble());
            else BinaryPrimitives.WriteDoubleBigEndian(header.AsSpan(8 + 8 * i), random.NextDouble());
        }
        return [.. header, .. wkb];
    }
}
