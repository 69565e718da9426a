using System.IO.Compression;
using System.Text;
using Mesa.Fuzzing.Harness;
using Mesa.Processing.Import;

namespace Mesa.Fuzzing.Targets;

/// <summary>
/// settings.xlsx through <see cref="SettingsWorkbook.Read"/>, refused with an <see cref="ImportException"/>. Half the
/// inputs damage one XML part of a valid workbook and zip it again (reaching the XML and cell parsing behind the zip
/// checks); the rest damage the workbook's bytes.
/// </summary>
public sealed class SettingsWorkbookTarget : FuzzTarget
{
    private readonly string _path;

    public SettingsWorkbookTarget() => _path = Path.Combine(Scratch, "settings.xlsx");

    public override string Name => "settings.xlsx";

    protected override bool MutateGenerated => false;

    protected override IReadOnlyList<byte[]> Dictionary =>
        [.. new[]
        {
            "<c r=\"A1\" t=\"s\">", "<c r=\"XFD1048576\">", "<c t=\"inlineStr\"><is><t>name_original</t></is></c>", "<v>", "</v>", "<row r=\"0\">",
            "<row r=\"4294967296\">", "</row>", "<si><t>", "</t></si>", "name_original", "importance", "susceptibility", "title_fromuser",
            "1E+308", "-2147483649", "NaN", "&amp;", "&#0;", "<![CDATA[", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "<dimension ref=\"A1:Z99999\"/>",
            "s=\"999\"", "t=\"b\"", "t=\"e\"", "t=\"d\"", "<f>", "xml:space=\"preserve\"", "count=\"-1\"", "<numFmt numFmtId=\"200\" formatCode=\"yyyy\"/>",
        }.Select(Encoding.UTF8.GetBytes)];

    public override void Run(byte[] input)
    {
        File.WriteAllBytes(_path, input);
        foreach (var row in SettingsWorkbook.Read(_path).Values) _ = (row.Importance, row.Susceptibility, row.Title);
    }

    public override bool IsDocumented(Exception error) => error is ImportException;

    protected override IReadOnlyList<byte[]> BuildSeeds() =>
        [.. new[] { "coastal_zone", "mount_kenya", "mountain_area", "river_system" }
            .Select(sample => File.ReadAllBytes(RepositoryFiles.Path("data", "mesa-samples", sample, "settings.xlsx")))];

    protected override byte[]? Generate(Random random)
    {
        var seed = Seeds[random.Next(Seeds.Count)];
        if (random.Next(2) == 0) return null;
        var members = ZipParts.Read(seed);
        var victim = random.Next(members.Count);
        var (name, content) = members[victim];
        members[victim] = random.Next(8) == 0 ? (name + (random.Next(2) == 0 ? "x" : ""), []) : (name, Mutate(random, content));
        return ZipParts.Write(members, random.Next(2) == 0 ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
    }
}
