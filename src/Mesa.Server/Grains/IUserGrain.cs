using Mesa.Server.Storage;
using Orleans.Concurrency;

namespace Mesa.Server.Grains;

/// <summary>
/// One user (key: the user id): profile, quotas and priority, the revocation point of their access tokens and their
/// mailed one-time tokens. The only writer of the user's rows (<c>users</c>, <c>user_controls</c>,
/// <c>email_tokens</c>); every authenticated request is checked against its memory rather than the store.
/// </summary>
[Alias("Mesa.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>The user and the unix second before which their access tokens are refused; null for an unknown user.</summary>
    [ReadOnly]
    [Alias("Access")]
    Task<UserWithRevocation?> AccessAsync();

    [ReadOnly]
    [Alias("Get")]
    Task<UserRecord?> GetAsync();

    /// <summary>
    /// Creates the user under this grain's id unless the address is registered already; returns the address's
    /// user (whose id differs when another registration won a race) and whether it was created here.
    /// </summary>
    [Alias("Register")]
    Task<(UserRecord User, bool Created)> RegisterAsync(string email, string name, string affiliation, string projectSummary);

    /// <summary>Sets (or, with null, clears) admin-set columns: priority, retention and quota overrides.</summary>
    [Alias("Update")]
    Task<UserRecord?> UpdateAsync(IReadOnlyList<UserSetting> settings);

    /// <summary>Refuses every access token issued so far and revokes every refresh token.</summary>
    [Alias("RevokeTokens")]
    Task RevokeTokensAsync();

    [Alias("IssueEmailToken")]
    Task IssueEmailTokenAsync(string tokenHash, DateTimeOffset expires);

    /// <summary>Marks the mailed token used; false when it is not this user's, used or expired.</summary>
    [Alias("RedeemEmailToken")]
    Task<bool> RedeemEmailTokenAsync(string tokenHash);

    [ReadOnly]
    [Alias("EmailTokensSince")]
    Task<int> EmailTokensSinceAsync(DateTimeOffset since);
}
