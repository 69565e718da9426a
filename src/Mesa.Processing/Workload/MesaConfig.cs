using System.Globalization;
using System.Text;

namespace Mesa.Processing.Workload;

/// <summary>
/// A workload's config.ini with typed access to what processing needs. Every lookup falls back
/// to <see cref="DefaultConfig"/> when config.ini lacks the key (or, for bands, the section),
/// so callers always see the contract's defaults rather than nothing.
/// </summary>
public sealed class MesaConfig
{
    /// <summary>The band sections, most sensitive first.</summary>
    public static readonly IReadOnlyList<string> BandCodes = ["A", "B", "C", "D", "E"];

    private static readonly Lazy<MesaConfig> BuiltIn = new(() => new MesaConfig(IniFile.Parse(DefaultConfig.Text, "built-in defaults"), fallback: null, mesaVersion: null));
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IniFile _ini;
    private readonly IniFile? _fallback;

    private MesaConfig(IniFile ini, IniFile? fallback, string? mesaVersion)
    {
        _ini = ini;
        _fallback = fallback;
        MesaVersion = mesaVersion;
        Bands = BandCodes.Select(ReadBand).ToArray();
        ValidInput = ReadValidInput();
        Ratings = RatingBands.Derive(Bands, ValidInput);
    }

    /// <summary>The contract's defaults alone, as if config.ini were empty.</summary>
    public static MesaConfig Defaults => BuiltIn.Value;

    /// <summary>Bands A..E in that order.</summary>
    public IReadOnlyList<SensitivityBand> Bands { get; }

    /// <summary><c>[VALID_VALUES] valid_input</c>: the values importance and susceptibility may take.</summary>
    public IReadOnlyList<int> ValidInput { get; }

    /// <summary>The letters importance and susceptibility values take, from <see cref="Bands"/> and <see cref="ValidInput"/>.</summary>
    public RatingBands Ratings { get; }

    /// <summary>config.ini's own <c>mesa_version</c> line (tbl_settings does not change it), or null when it has none.</summary>
    public string? MesaVersion { get; }

    /// <exception cref="WorkloadException">The text is not a valid config.ini; the message names <paramref name="fileName"/> and the line or key.</exception>
    public static MesaConfig Parse(string text, string fileName = "config.ini") =>
        new(IniFile.Parse(text, fileName), BuiltIn.Value._ini, Workload.MesaVersion.Read(text));

    /// <exception cref="WorkloadException">The file is missing, unreadable, not UTF-8 or not a valid config.ini.</exception>
    public static MesaConfig Load(string path, string? displayName = null)
    {
        var name = displayName ?? Path.GetFileName(path);
        string text;
        try
        {
            text = StrictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WorkloadException($"{name} is missing: the workload must contain MESA's config.ini beside the output folder.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkloadException($"{name}: cannot read: {e.Message}", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new WorkloadException($"{name}: not UTF-8 text (byte 0x{e.BytesUnknown?.FirstOrDefault():X2} at offset {e.Index}).", e);
        }
        return Parse(text, name);
    }

    /// <summary>The band with this code (case-insensitive, surrounding blanks ignored), or null.</summary>
    public SensitivityBand? FindBand(string? code)
    {
        var normalized = code?.Trim().ToUpperInvariant();
        return Bands.FirstOrDefault(b => b.Code == normalized);
    }

    /// <summary>The first band (A first) whose range contains the value, or null.</summary>
    public SensitivityBand? BandContaining(double sensitivity) => Bands.FirstOrDefault(b => b.Contains(sensitivity));

    /// <summary>A value of any section (inheriting [DEFAULT]), else the built-in default, else null.</summary>
    public string? Get(string section, string key) => Find(section, key)?.Value;

    /// <summary>A [DEFAULT] value (tbl_settings overrides applied), else the built-in default, else null.</summary>
    public string? GetDefault(string key) => Get(IniFile.DefaultSection, key);

    /// <summary>As <see cref="GetDefault"/>, with where the value was read (file and line, or tbl_settings) for messages.</summary>
    public (string Value, string Origin)? FindDefault(string key) => Find(IniFile.DefaultSection, key);

    /// <exception cref="WorkloadException">The key has no value or is not a whole number.</exception>
    public int GetDefaultInt32(string key)
    {
        var (value, origin) = RequireDefault(key);
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new WorkloadException($"{origin}: [DEFAULT] {key} = '{value}' is not a whole number.");
    }

    /// <exception cref="WorkloadException">The key has no value or is not a number.</exception>
    public double GetDefaultDouble(string key)
    {
        var (value, origin) = RequireDefault(key);
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new WorkloadException($"{origin}: [DEFAULT] {key} = '{value}' is not a number.");
    }

    /// <summary>
    /// A copy with [DEFAULT] keys replaced, as tbl_settings rows do; sections that inherit a
    /// replaced key see the new value, as in configparser.
    /// </summary>
    /// <exception cref="WorkloadException">An override makes a band or valid_input malformed.</exception>
    public MesaConfig WithOverrides(IEnumerable<(string Key, string Value)> overrides, string source = "tbl_settings") =>
        new(_ini.WithDefaults(overrides, source), _fallback, MesaVersion);

    private (string Value, string Origin)? Find(string section, string key)
    {
        // A section config.ini has is read there (inheriting its [DEFAULT]); otherwise, or for a key it lacks, the defaults answer.
        if ((section == IniFile.DefaultSection || _ini.HasSection(section)) && _ini.Find(section, key) is { } own) return own;
        return _fallback?.Find(section, key);
    }

    private (string Value, string Origin) RequireDefault(string key) =>
        Find(IniFile.DefaultSection, key) is { } found
            ? (found.Value.Trim(), found.Origin)
            : throw new WorkloadException($"config.ini: [DEFAULT] has no '{key}' and there is no built-in default for it.");

    private (string Value, string Origin) Require(string section, string key) =>
        Find(section, key) ?? throw new WorkloadException($"config.ini: [{section}] has no '{key}'.");

    private SensitivityBand ReadBand(string code)
    {
        var (range, origin) = Require(code, "range");
        var parts = range.Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var max)
            || min > max)
            throw new WorkloadException($"{origin}: [{code}] range = '{range}' is not 'min-max' with whole numbers, min <= max (e.g. 21-25).");
        return new SensitivityBand(code, min, max, Require(code, "description").Value, Require(code, "category_colour").Value);
    }

    private int[] ReadValidInput()
    {
        var (text, origin) = Require("VALID_VALUES", "valid_input");
        var values = new List<int>();
        foreach (var item in text.Split(','))
        {
            // MESA silently skips items that are not plain digits; refusing them keeps such a project from being processed on a scale its author did not write.
            var trimmed = item.Trim();
            if (trimmed.Length == 0 || !trimmed.All(char.IsAsciiDigit)
                || !int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                throw new WorkloadException($"{origin}: [VALID_VALUES] valid_input = '{text}' is not a comma-separated list of whole numbers (0 or more, no signs).");
            values.Add(value);
        }
        return values.ToArray();
    }
}
