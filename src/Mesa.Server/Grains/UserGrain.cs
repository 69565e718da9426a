using Mesa.Server.Admin.Storage;
using Mesa.Server.Storage;

namespace Mesa.Server.Grains;

/// <summary>
/// Holds the user's row and revocation point in memory, loaded when activated; each change is written to the store
/// first and the memory refreshed from it.
/// </summary>
public sealed class UserGrain(UserRepository users, AdminQueries queries, UserControls controls) : Grain, IUserGrain
{
    private UserWithRevocation? _access;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Reload();
        return Task.CompletedTask;
    }

    public Task<UserWithRevocation?> AccessAsync() => Task.FromResult(_access);

    public Task<UserRecord?> GetAsync() => Task.FromResult(_access?.User);

    public Task<(UserRecord User, bool Created)> RegisterAsync(string email, string name, string affiliation, string projectSummary)
    {
        var registered = users.Create(Id, email, name, affiliation, projectSummary);
        if (registered.Created) Reload();
        return Task.FromResult(registered);
    }

    public Task<UserRecord?> UpdateAsync(IReadOnlyList<UserSetting> settings)
    {
        foreach (var setting in settings) queries.SetUserColumn(Id, setting.Column, setting.Value);
        Reload();
        return Task.FromResult(_access?.User);
    }

    public Task RevokeTokensAsync()
    {
        controls.RevokeTokens(Id);
        Reload();
        return Task.CompletedTask;
    }

    public Task IssueEmailTokenAsync(string tokenHash, DateTimeOffset expires)
    {
        users.AddToken(Id, tokenHash, expires);
        return Task.CompletedTask;
    }

    public Task<bool> RedeemEmailTokenAsync(string tokenHash) => Task.FromResult(users.Redeem(Id, tokenHash));

    public Task<int> EmailTokensSinceAsync(DateTimeOffset since) => Task.FromResult(users.TokensIssuedSince(Id, since));

    private void Reload() => _access = users.FindWithTokensValidFrom(Id) is var (user, validFrom) ? new UserWithRevocation(user, validFrom) : null;
}
