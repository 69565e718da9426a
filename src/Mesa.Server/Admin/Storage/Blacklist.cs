using Dapper;
using Mesa.Server.Storage;

namespace Mesa.Server.Admin.Storage;

/// <summary>Blocked addresses and domains, stored in the state store; checked at registration, verification and on every API call.</summary>
public sealed class Blacklist(StateDatabase database)
{
    public const string Email = "email";
    public const string Domain = "domain";

    public IReadOnlyList<BlacklistEntry> All()
    {
        using var connection = database.Open();
        return connection.Query<BlacklistEntry>("SELECT kind AS Kind, value AS Value, reason AS Reason, created_ms AS CreatedMs FROM blacklist ORDER BY kind, value").ToList();
    }

    /// <summary>True when added, false when it was already there.</summary>
    public bool Add(string kind, string value, string? reason)
    {
        using var connection = database.Open();
        return connection.Execute("INSERT INTO blacklist (kind, value, reason, created_ms) VALUES (@kind, @value, @reason, @now) ON CONFLICT DO NOTHING",
            new { kind, value, reason, now = database.NowMs() }) == 1;
    }

    public bool Remove(string kind, string value)
    {
        using var connection = database.Open();
        return connection.Execute("DELETE FROM blacklist WHERE kind = @kind AND value = @value", new { kind, value }) == 1;
    }

    /// <summary>True when the (normalised, lower-case) address or its domain is blocked.</summary>
    public bool Blocks(string email)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM blacklist WHERE (kind = 'email' AND value = @email) OR (kind = 'domain' AND value = @domain)",
            new { email, domain = DomainOf(email) }) > 0;
    }

    /// <summary>The users a new entry blocks, so their tokens can be revoked.</summary>
    public IReadOnlyList<string> UsersMatching(string kind, string value)
    {
        using var connection = database.Open();
        return kind == Email
            ? connection.Query<string>("SELECT id FROM users WHERE email = @value", new { value }).ToList()
            : connection.Query<string>("SELECT id FROM users WHERE email LIKE @pattern ESCAPE '\\'", new { pattern = "%@" + EscapeLike(value) }).ToList();
    }

    public static string DomainOf(string email) => email[(email.LastIndexOf('@') + 1)..];

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
