namespace Mesa.Cli.Doctor;

/// <summary>Compares a release folder with its build manifest, file by file.</summary>
internal static class ReleaseCheck
{
    public static IReadOnlyList<ReleaseProblem> Run(string releaseFolder, BuildManifest manifest)
    {
        var listed = manifest.Files.ToDictionary(file => file.Path, StringComparer.Ordinal);
        var present = BuildManifest.ReleaseFiles(releaseFolder).ToDictionary(file => ManifestFile.RelativePath(releaseFolder, file), StringComparer.Ordinal);
        var problems = new List<ReleaseProblem>();
        foreach (var expected in manifest.Files)
        {
            if (!present.TryGetValue(expected.Path, out var file)) problems.Add(new ReleaseProblem(expected.Path, ReleaseProblem.Missing));
            else if (ManifestFile.Of(releaseFolder, file) != expected) problems.Add(new ReleaseProblem(expected.Path, ReleaseProblem.Changed));
        }
        problems.AddRange(present.Keys.Where(path => !listed.ContainsKey(path)).Select(path => new ReleaseProblem(path, ReleaseProblem.Extra)));
        return [.. problems.OrderBy(problem => problem.Path, StringComparer.Ordinal)];
    }
}
