using System.CommandLine;
using System.Text.Json;

namespace Mesa.Cli.Doctor;

/// <summary>
/// <c>mesa-cloud doctor [--release DIR] [--json]</c>: checks an installed release against the build manifest written
/// when it was published (missing, changed and extra files); exit 1 on any difference. <c>doctor write-manifest</c>
/// writes that manifest (deploy/publish.sh runs it).
/// </summary>
internal static class DoctorCommand
{
    private static readonly JsonSerializerOptions Output = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static Command Create()
    {
        var release = ReleaseOption("The release folder to check (default: the folder this mesa-cloud runs from)");
        var json = new Option<bool>("--json") { Description = "Print the result as JSON, for scripts, instead of sentences" };
        var command = new Command("doctor", "Check that the installed release matches its build manifest") { release, json, WriteManifest() };
        command.SetAction(parse => Check(FullPath(parse.GetValue(release)!), parse.GetValue(json)));
        return command;
    }

    private static Command WriteManifest()
    {
        var release = ReleaseOption("The published release folder (default: the folder this mesa-cloud runs from)");
        var version = new Option<string>("--version") { Description = "The release's version label", Required = true };
        var command = new Command("write-manifest", $"Write {BuildManifest.FileName} (every file's size and SHA-256) into a published release") { release, version };
        command.SetAction(parse =>
        {
            var folder = FullPath(parse.GetValue(release)!);
            var manifest = BuildManifest.Create(folder, parse.GetValue(version)!);
            manifest.Write(folder);
            Console.WriteLine($"Build manifest of release {manifest.Version} written: {manifest.Files.Count} files.");
            return 0;
        });
        return command;
    }

    private static Option<string> ReleaseOption(string description) => new("--release")
    {
        Description = description,
        DefaultValueFactory = _ => AppContext.BaseDirectory,
    };

    private static string FullPath(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    private static int Check(string folder, bool json)
    {
        BuildManifest manifest;
        try
        {
            manifest = BuildManifest.Read(folder);
        }
        catch (IOException e)
        {
            return CommandFailure.Report("doctor", e.Message);
        }
        var problems = ReleaseCheck.Run(folder, manifest);
        if (json)
        {
            var report = new { Release = folder, manifest.Version, manifest.Created, Files = manifest.Files.Count, Ok = problems.Count == 0, Problems = problems.Select(p => new { p.Path, p.Kind }) };
            Console.WriteLine(JsonSerializer.Serialize(report, Output));
        }
        else
        {
            foreach (var problem in problems) Console.WriteLine(problem.Sentence);
            Console.WriteLine(problems.Count == 0
                ? $"Release {manifest.Version} in {folder}: all {manifest.Files.Count} files match the build manifest."
                : $"Release {manifest.Version} in {folder}: {problems.Count} differences from the build manifest.");
        }
        return problems.Count == 0 ? 0 : 1;
    }
}
