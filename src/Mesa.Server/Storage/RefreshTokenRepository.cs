using Dapper;
using Mesa.Server.Configuration;
using Mesa.Server.Security;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Storage;

/// <summary>
/// Refresh tokens: 256 random bits, only their SHA-256 stored. Each verification starts a family; each use
/// spends the token and hands out the next one of the family; presenting a spent token revokes the family
/// (the thief's and the owner's copies alike), and the user has to verify again.
/// </summary>
public sealed class RefreshTokenRepository(StateDatabase database, IOptions<MesaOptions> options)
{
    private readonly TimeSpan _lifetime = TimeSpan.FromMinutes(options.Value.Auth.RefreshTokenMinutes);

    public TimeSpan Lifetime => _lifetime;

    /// <summary>A new family's first token.</summary>
    public string Start(string userId)
    {
        using var connection = database.Open();
        return Insert(connection, null, userId, Guid.NewGuid().ToString("N"));
    }

    public RefreshOutcome Rotate(string token)
    {
        var tokenHash = EmailTokens.Hash(token);
        var now = database.NowMs();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        // Spending the token is one conditional update, so two requests racing with one token cannot both win.
        var spent = connection.QuerySingleOrDefault<TokenFamily>(
            "UPDATE refresh_tokens SET rotated_ms = @now WHERE token_hash = @tokenHash AND rotated_ms IS NULL AND revoked_ms IS NULL AND expires_ms > @now RETURNING user_id AS UserId, family_id AS FamilyId",
            new { tokenHash, now }, transaction);
        if (spent is { } current)
        {
            var next = Insert(connection, transaction, current.UserId, current.FamilyId);
            transaction.Commit();
            return new RefreshOutcome.Rotated(current.UserId, current.FamilyId, next);
        }
        var replayed = connection.QuerySingleOrDefault<TokenFamily>(
            "SELECT user_id AS UserId, family_id AS FamilyId FROM refresh_tokens WHERE token_hash = @tokenHash AND rotated_ms IS NOT NULL", new { tokenHash }, transaction);
        if (replayed is not { } family) return new RefreshOutcome.Rejected();
        connection.Execute("UPDATE refresh_tokens SET revoked_ms = @now WHERE family_id = @familyId AND revoked_ms IS NULL",
            new { now, familyId = family.FamilyId }, transaction);
        transaction.Commit();
        return new RefreshOutcome.Reused(family.UserId, family.FamilyId);
    }

    private sealed record TokenFamily(string UserId, string FamilyId);

    private string Insert(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, string userId, string familyId)
    {
        var token = EmailTokens.New();
        var now = database.NowMs();
        connection.Execute(
            "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_ms, expires_ms) VALUES (@tokenHash, @familyId, @userId, @now, @expires)",
            new { tokenHash = EmailTokens.Hash(token), familyId, userId, now, expires = now + (long)_lifetime.TotalMilliseconds }, transaction);
        return token;
    }
}
