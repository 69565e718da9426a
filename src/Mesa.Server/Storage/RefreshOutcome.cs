namespace Mesa.Server.Storage;

/// <summary>What presenting a refresh token led to.</summary>
public abstract record RefreshOutcome
{
    /// <summary>The token was current: it is now spent and <paramref name="NewToken"/> replaces it in the same family.</summary>
    public sealed record Rotated(string UserId, string FamilyId, string NewToken) : RefreshOutcome;

    /// <summary>The token had been rotated already: someone replayed it, so its whole family is now revoked.</summary>
    public sealed record Reused(string UserId, string FamilyId) : RefreshOutcome;

    /// <summary>Unknown, expired or revoked.</summary>
    public sealed record Rejected : RefreshOutcome;
}
