namespace Mesa.Fuzzing.Harness;

/// <summary>Files checked into the repository (the MESA sample packages serve as seeds).</summary>
public static class RepositoryFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);

    // Above the binaries when run from the build tree, above the working directory when run from a published copy.
    private static string Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mesa.Orleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Mesa.Orleans.sln is neither above the fuzz harness binaries nor above the working directory.");
    }
}
