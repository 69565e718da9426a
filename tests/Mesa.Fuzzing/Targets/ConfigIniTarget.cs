using System.Text;
using Mesa.Fuzzing.Harness;
using Mesa.Processing.Flatten;
using Mesa.Processing.Segment;
using Mesa.Processing.Workload;

namespace Mesa.Fuzzing.Targets;

/// <summary>
/// config.ini as a workload's pre-flight reads it: <see cref="MesaConfig.Load"/> (UTF-8, the INI grammar, bands and
/// valid_input), tbl_settings overrides, the rating bands, the [DEFAULT] numbers processing and tiling read, the
/// segment layer choice and <see cref="MesaVersion"/>. An input is the file's bytes, then optionally a NUL byte and
/// tbl_settings rows as <c>key=value</c> lines. Refusals are <see cref="WorkloadException"/>s.
/// </summary>
public sealed class ConfigIniTarget : FuzzTarget
{
    private static readonly string[] Sections = ["DEFAULT", "A", "B", "C", "D", "E", "VALID_VALUES", "default", "Other"];

    private static readonly string[] Keys =
    [
        "range", "description", "category_colour", "valid_input", "mesa_version", "tiles_minzoom", "tiles_maxzoom",
        "flatten_sliver_min_area_m2", "segment_geocode_layer", "basic_group_name", "Range", "x",
    ];

    private static readonly string[] Values =
    [
        "1-5", "21-25", "0-0", "5-1", "-1-3", "99999999999-1", "1,2,3,4,5", "1, 2,,3", "+1", "5.6", "5.6.2-rc1", "v4", "#bd0026",
        "%(range)s", "%(x)s%(x)s%(x)s", "%%", "%", "%(", "%(missing)s", "10", "1e400", "NaN", "-0", "basic_mosaic ; note", "", "  ",
        "Very high", "\u00e9\u00e8", "\t", "2147483648",
    ];

    private readonly string _path;

    public ConfigIniTarget() => _path = Path.Combine(Scratch, "config.ini");

    public override string Name => "config.ini";

    protected override IReadOnlyList<byte[]> Dictionary =>
        [.. new[] { "[", "]", "[DEFAULT]", "[VALID_VALUES]", "=", ":", ";", "#", "%(", ")s", "%%", "\n", "\r\n", "\n  ", "\uFEFF", "range", "valid_input", "mesa_version", "-", ",", "\0" }
            .Select(Encoding.UTF8.GetBytes)];

    public override void Run(byte[] input)
    {
        var split = Array.IndexOf(input, (byte)0);
        File.WriteAllBytes(_path, split < 0 ? input : input[..split]);
        var config = MesaConfig.Load(_path);
        if (split >= 0)
        {
            var rows = Encoding.UTF8.GetString(input, split + 1, input.Length - split - 1).Split('\n')
                .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2).Select(pair => (pair[0], pair[1]));
            config = config.WithOverrides(rows);
        }
        MesaVersion.Check(config.MesaVersion, "config.ini");
        var bands = FlatBands.Of(config);
        foreach (var value in new int?[] { null, int.MinValue, -1, 0, 1, 3, 5, 25, int.MaxValue })
            bands.DescriptionOf(bands.RatingCode(value));
        foreach (var band in config.Bands) config.BandContaining((band.Min + band.Max) / 2.0);
        config.FindBand(" a ");
        SegmentLayerChoice.Choose(config, ["basic_mosaic", "Grid"]);
        config.GetDefaultInt32("tiles_minzoom");
        config.GetDefaultInt32("tiles_maxzoom");
        config.GetDefaultDouble("flatten_sliver_min_area_m2");
    }

    public override bool IsDocumented(Exception error) => error is WorkloadException;

    protected override IReadOnlyList<byte[]> BuildSeeds()
    {
        const string Small = "[DEFAULT]\nmesa_version = 5.6\n[VALID_VALUES]\nvalid_input = 1,2,3\n[A]\nrange = 21-25\ndescription = Very high\ncategory_colour = #bd0026\n";
        return [Encoding.UTF8.GetBytes(DefaultConfig.Text), Encoding.UTF8.GetBytes(Small), Encoding.UTF8.GetBytes(Small + "\0valid_input=1,2\nrange=1-9")];
    }

    /// <summary>Lines drawn from the INI grammar: headers, key/value pairs with references, comments, continuations, blanks.</summary>
    protected override byte[]? Generate(Random random)
    {
        if (random.Next(2) == 0) return null;
        if (random.Next(100) == 0) return Encoding.UTF8.GetBytes(Hostile(random));
        var text = new StringBuilder(random.Next(4) == 0 ? "\uFEFF" : "");
        var newline = random.Next(3) == 0 ? "\r\n" : "\n";
        var lines = 1 + random.Next(30);
        for (var i = 0; i < lines; i++)
        {
            var line = random.Next(10) switch
            {
                0 or 1 => $"[{Sections[random.Next(Sections.Length)]}]",
                2 => (random.Next(2) == 0 ? "; " : "# ") + Values[random.Next(Values.Length)],
                3 => new string(' ', 1 + random.Next(4)) + Values[random.Next(Values.Length)],
                4 => "",
                _ => $"{Keys[random.Next(Keys.Length)]}{(random.Next(2) == 0 ? " = " : ":")}{Values[random.Next(Values.Length)]}"
                    + (random.Next(5) == 0 ? " ; comment" : ""),
            };
            text.Append(line).Append(newline);
        }
        if (random.Next(3) == 0)
        {
            text.Append('\0');
            for (var i = random.Next(4); i > 0; i--) text.Append(Keys[random.Next(Keys.Length)]).Append('=').Append(Values[random.Next(Values.Length)]).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Files built to cost time or memory: references that fan out level by level, long blank runs, long lines.</summary>
    private static string Hostile(Random random)
    {
        switch (random.Next(3))
        {
            case 0:
                var (fanOut, levels) = (2 + random.Next(15), 3 + random.Next(7));
                var chain = new StringBuilder("[DEFAULT]\nk0 = xxxxxxxxxxxxxxxx\n");
                for (var level = 1; level <= levels; level++)
                    chain.Append($"k{level} = ").AppendJoin("", Enumerable.Repeat($"%(k{level - 1})s", fanOut)).Append('\n');
                return chain.Append(random.Next(2) == 0 ? $"[A]\nrange = %(k{levels})s\n" : $"basic_group_name = %(k{levels})s\n").ToString();
            case 1:
                return "[DEFAULT]\n" + new string(random.Next(2) == 0 ? '\n' : ' ', 100_000 + random.Next(100_000)) + "x = 1\n";
            default:
                return "[DEFAULT]\nmesa_version = 5" + new string(' ', 100_000 + random.Next(100_000)) + ".6 x\n";
        }
    }
}
