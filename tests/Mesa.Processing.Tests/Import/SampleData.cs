namespace Mesa.Processing.Tests.Import;

/// <summary>The MESA sample packages checked into data/mesa-samples, and the parameter tables of their READMEs.</summary>
internal static class SampleData
{
    public static readonly TheoryData<string> Names = new() { "coastal_zone", "mount_kenya", "mountain_area", "river_system" };

    public static string Folder(string name) => Path.Combine(RepositoryRoot(), "data", "mesa-samples", name);

    /// <summary>The README's "Asset groups" table: group, importance, susceptibility, sensitivity, code.</summary>
    public static IReadOnlyList<(string Group, int Importance, int Susceptibility, int Sensitivity, string Code)> ReadmeTable(string name) =>
        File.ReadLines(Path.Combine(Folder(name), "README.md"))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 7 && int.TryParse(cells[2], out _))
            .Select(cells => (cells[1], int.Parse(cells[2]), int.Parse(cells[3]), int.Parse(cells[4]), cells[5]))
            .ToList();

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mesa.Orleans.sln"))) return dir.FullName;
        throw new InvalidOperationException("Mesa.Orleans.sln not found above the test binaries.");
    }
}
