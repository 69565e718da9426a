namespace Mesa.Cli.Doctor;

/// <summary>A difference between a release folder and its build manifest.</summary>
internal sealed record ReleaseProblem(string Path, string Kind)
{
    public const string Missing = "missing";
    public const string Changed = "changed";
    public const string Extra = "extra";

    public string Sentence => Kind switch
    {
        Missing => $"{Path} is missing: the build manifest lists it, the release folder lacks it.",
        Changed => $"{Path} has changed: its SHA-256 differs from the build manifest's.",
        _ => $"{Path} is extra: it is in the release folder but not in the build manifest.",
    };
}
