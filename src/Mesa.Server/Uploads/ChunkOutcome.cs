namespace Mesa.Server.Uploads;

/// <summary>What appending one chunk of a resumable upload led to.</summary>
public abstract record ChunkOutcome
{
    /// <summary>The chunk is stored; the server now holds <paramref name="Offset"/> bytes.</summary>
    public sealed record Appended(long Offset) : ChunkOutcome;

    /// <summary>The chunk did not start where the stored bytes end (<paramref name="Offset"/>); nothing was written.</summary>
    public sealed record WrongOffset(long Offset) : ChunkOutcome;

    /// <summary>Another request is writing to or finishing the same upload; nothing was written.</summary>
    public sealed record Busy : ChunkOutcome;

    /// <summary>The chunk would take the upload past its limit; it was dropped and the upload stays at <paramref name="Offset"/> bytes.</summary>
    public sealed record TooLarge(long Offset) : ChunkOutcome;
}
