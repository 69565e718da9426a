using System.IO.Compression;
using System.Text;
using Mesa.Fuzzing.Harness;
using Mesa.Processing.Workload;
using Mesa.Server.Configuration;
using Mesa.Server.Processing;
using Mesa.Server.Uploads;
using SharpCompress.Common;
using SharpCompress.Writers;
using SharpCompress.Writers.Zip;

namespace Mesa.Fuzzing.Targets;

/// <summary>
/// An uploaded workload zip through the server's checks and unpacking (<see cref="WorkloadArchive.Extract"/>: entry
/// count, sizes, ratio, paths, duplicates, required tables, CRC-32, PAR1 magic) and, for an accepted MESA backup,
/// the returned package's copy of the kept members (<see cref="MesaBackupPackage.Build"/>). Refusals are
/// <see cref="WorkloadArchiveException"/>s. Inputs are generated archives (hostile names, duplicates, stored,
/// DEFLATE and LZMA members, the odd highly compressible one), half of them then damaged byte-wise.
/// </summary>
public sealed class UploadZipTarget : FuzzTarget
{
    private static readonly string[] ExtraNames =
    [
        WorkloadFiles.GeocodeGroup, WorkloadFiles.Settings, "input/assets.gpkg", "input/geocode/grid.gpkg", "qgis/mesa.qgz", "output/cache/tile.png",
        "output/geoparquet/tbl_flat.parquet", "output/area_stats.json", "output/.pipeline.lock", "secrets/token.txt", "input/", "docs/",
        "../escape.txt", "/etc/passwd", "a\\b.txt", "C:evil.txt", "input/./x", "input//x", "x\0y", "output/geoparquet/tbl_asset_group.parquet/",
        WorkloadFiles.Config, WorkloadFiles.AssetObject,
    ];

    private readonly string _zip, _target, _output, _package;
    private readonly LimitOptions _limits = new();

    public UploadZipTarget()
    {
        _zip = Path.Combine(Scratch, "upload.zip");
        _target = Path.Combine(Scratch, "workload");
        _output = Directory.CreateDirectory(Path.Combine(Scratch, "output")).FullName;
        _package = Path.Combine(Scratch, "package.zip");
    }

    public override string Name => "upload-zip";

    protected override IReadOnlyList<byte[]> Dictionary => [.. new[] { "PK\u0003\u0004", "PK\u0001\u0002", "PK\u0005\u0006", "PK\u0006\u0006", "PK\u0006\u0007", "PAR1", "../", "/" }.Select(Encoding.Latin1.GetBytes)];

    public override void Run(byte[] input)
    {
        File.WriteAllBytes(_zip, input);
        WorkloadArchive.Extract(_zip, _target, _limits);
        if (MesaBackupPackage.AppliesTo(_zip)) MesaBackupPackage.Build(_zip, _output, _package, []);
    }

    public override bool IsDocumented(Exception error) => error is WorkloadArchiveException;

    protected override IReadOnlyList<byte[]> BuildSeeds()
    {
        var random = new Random(1);
        return [Archive(random, Members(random, backup: false), lzma: false), Archive(random, Members(random, backup: true), lzma: false), Archive(random, Members(random, backup: true), lzma: true)];
    }

    protected override byte[]? Generate(Random random)
    {
        if (random.Next(2) == 0) return null;
        var members = Members(random, backup: random.Next(2) == 0);
        for (var extra = random.Next(4); extra > 0; extra--)
            members.Insert(random.Next(members.Count + 1), (ExtraNames[random.Next(ExtraNames.Length)], Content(random)));
        if (random.Next(4) == 0) members.RemoveAt(random.Next(members.Count));
        if (random.Next(64) == 0) members.Add(("output/big.bin", new byte[(1 + random.Next(3)) << 20]));
        return Archive(random, members, lzma: random.Next(4) == 0);
    }

    private static List<(string Name, byte[] Content)> Members(Random random, bool backup)
    {
        var members = new List<(string, byte[])> { (WorkloadFiles.Config, Encoding.UTF8.GetBytes(DefaultConfig.Text)) };
        members.AddRange(WorkloadFiles.RequiredTables.Select(table => (table, Parquet(random))));
        if (backup) members.Add(("input/assets.gpkg", Content(random)));
        return members;
    }

    private static byte[] Parquet(Random random) => [.. "PAR1"u8, .. Content(random), .. new byte[8], .. "PAR1"u8];

    private static byte[] Content(Random random)
    {
        var bytes = new byte[random.Next(64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Archive(Random random, IEnumerable<(string Name, byte[] Content)> members, bool lzma)
    {
        if (!lzma) return ZipParts.Write(members, random.Next(2) == 0 ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
        var output = new MemoryStream();
        using (var writer = new ZipWriter(output, new ZipWriterOptions(CompressionType.LZMA) { LeaveStreamOpen = true }))
        {
            foreach (var (name, content) in members) writer.Write(name, new MemoryStream(content));
        }
        return output.ToArray();
    }
}
