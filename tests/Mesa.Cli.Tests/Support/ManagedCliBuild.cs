using Mesa.Processing.Tests.Import;

namespace Mesa.Cli.Tests.Support;

/// <summary>The managed mesa-cloud as built in the tests' configuration (src/Mesa.Cli/bin/CONFIG/net10.0), which release folders are made from.</summary>
internal static class ManagedCliBuild
{
    /// <summary>Debug or Release, as the tests themselves were built.</summary>
    public static string Configuration => Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;

    /// <summary>Copies every file of the build, sub-folders included, into <paramref name="folder"/>.</summary>
    public static void CopyTo(string folder)
    {
        var build = Path.Combine(SampleData.RepositoryRoot(), "src", "Mesa.Cli", "bin", Configuration, "net10.0");
        foreach (var file in Directory.EnumerateFiles(build, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(build, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
