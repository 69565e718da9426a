using System.Globalization;
using System.Text;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Mesa.Processing.Import;

/// <summary>
/// Reads a MESA settings.xlsx: the first sheet with a <c>name_original</c> header, one row per asset layer.
/// Columns are found by header name (the samples put susceptibility before importance). Stored
/// sensitivity/code/description columns are ignored: the importer derives them from importance x susceptibility.
/// </summary>
public static class SettingsWorkbook
{
    private const string NameColumn = "name_original";
    private static readonly string[] TitleColumns = ["title_fromuser", "title"];

    static SettingsWorkbook()
    {
        // ExcelDataReader's configuration defaults to code page 1252, which .NET only knows through this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The rows keyed by <c>name_original</c> (exact, as MESA matches it).</summary>
    /// <exception cref="ImportException">The file is missing or not an xlsx workbook, no sheet has a name_original header, or a layer name repeats.</exception>
    public static IReadOnlyDictionary<string, AssetGroupSettings> Read(string path)
    {
        if (!File.Exists(path))
            throw new ImportException($"{path}: settings workbook not found.");
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
            do
            {
                if (ReadSheet(path, reader) is { } rows) return rows;
            } while (reader.NextResult());
        }
        // ExcelDataReader lets ArgumentNullException through for a workbook part missing a required attribute (a sheet without sheetId).
        catch (Exception e) when (e is ExcelReaderException or InvalidDataException or IOException or XmlException or FormatException or InvalidCastException or ArgumentException)
        {
            throw new ImportException($"{path}: not a readable xlsx workbook: {e.Message}", e);
        }
        throw new ImportException($"{path}: no sheet has a '{NameColumn}' header row naming the asset layers.");
    }

    // Null when this sheet has no header row with name_original.
    private static Dictionary<string, AssetGroupSettings>? ReadSheet(string path, IExcelDataReader reader)
    {
        Dictionary<string, int>? columns = null;
        var rows = new Dictionary<string, AssetGroupSettings>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (columns is null)
            {
                var headers = Enumerable.Range(0, reader.FieldCount).Select(i => (Index: i, Name: Text(reader.GetValue(i))?.Trim().ToLowerInvariant()));
                if (headers.Any(h => h.Name == NameColumn))
                    columns = headers.Where(h => !string.IsNullOrEmpty(h.Name)).GroupBy(h => h.Name!).ToDictionary(g => g.Key, g => g.First().Index);
                continue;
            }
            var name = Text(reader.GetValue(columns[NameColumn]))?.Trim();
            if (string.IsNullOrEmpty(name)) continue;
            var row = new AssetGroupSettings(
                name,
                WholeNumber(Cell(reader, columns, "importance")),
                WholeNumber(Cell(reader, columns, "susceptibility")),
                TitleColumns.Select(c => Text(Cell(reader, columns, c))?.Trim()).FirstOrDefault(t => !string.IsNullOrEmpty(t)));
            if (!rows.TryAdd(name, row))
                throw new ImportException($"{path}: sheet '{reader.Name}': '{name}' appears twice in {NameColumn}; each asset layer needs exactly one row.");
        }
        return columns is null ? null : rows;
    }

    private static object? Cell(IExcelDataReader reader, Dictionary<string, int> columns, string header) =>
        columns.TryGetValue(header, out var index) && index < reader.FieldCount ? reader.GetValue(index) : null;

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    // Spreadsheets store numbers as doubles and sometimes as text; anything that is not a whole number counts as unset.
    private static int? WholeNumber(object? value) => value switch
    {
        double d when d == Math.Floor(d) && Math.Abs(d) <= int.MaxValue => (int)d,
        string s when int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };
}
