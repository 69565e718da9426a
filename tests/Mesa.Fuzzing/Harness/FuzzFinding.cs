namespace Mesa.Fuzzing.Harness;

/// <summary>A distinct failure: its kind, where it happened (exception type and throwing method), the details and the first input that showed it.</summary>
public sealed record FuzzFinding(FindingKind Kind, string Signature, string Detail, byte[] Input)
{
    /// <summary>How many inputs showed this signature.</summary>
    public int Occurrences { get; set; } = 1;
}
