namespace Mesa.Fuzzing.Harness;

/// <summary>Files checked into the repository (the MESA sample packages serve as seeds).</summary>
public static class RepositoryFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root(), .. parts]);

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mesa.Orleans.sln"))) return dir.FullName;
        throw new InvalidOperationException("Mesa.Orleans.sln not found above the fuzz harness binaries.");
    }
}
