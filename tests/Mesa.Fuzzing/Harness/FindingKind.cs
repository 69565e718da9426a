namespace Mesa.Fuzzing.Harness;

public enum FindingKind
{
    /// <summary>An exception other than the parser's documented one.</summary>
    Crash,

    /// <summary>One input ran past the time limit.</summary>
    Hang,

    /// <summary>One input allocated more than the per-input cap, or the process outgrew the working-set cap.</summary>
    Memory,
}
