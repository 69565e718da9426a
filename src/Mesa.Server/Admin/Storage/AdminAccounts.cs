using Dapper;
using Mesa.Server.Admin.Security;
using Mesa.Cluster.State;

namespace Mesa.Server.Admin.Storage;

/// <summary>Admin accounts: created from the CLI (straight on the store, no server needed), checked at sign-in with lockout after repeated failures.</summary>
public sealed class AdminAccounts(StateStore store)
{
    private const string Columns = "id AS Id, email AS Email, password_hash AS PasswordHash, password_salt AS PasswordSalt, iterations AS Iterations, " +
        "failed_sign_ins AS FailedSignIns, locked_until_ms AS LockedUntilMs, created_ms AS CreatedMs";

    // Unknown addresses are checked against this, so they cost as much time as known ones.
    private static readonly (string Hash, string Salt) Decoy = PasswordHasher.Hash(Guid.NewGuid().ToString(), PasswordHasher.DefaultIterations);

    /// <summary>Adds the admin, or sets a new password (and lifts a lockout) when the address exists; true when created.</summary>
    public bool AddOrReset(string email, string password, int iterations = PasswordHasher.DefaultIterations)
    {
        var (hash, salt) = PasswordHasher.Hash(password, iterations);
        using var connection = store.Open();
        var updated = connection.Execute(
            "UPDATE admins SET password_hash = @hash, password_salt = @salt, iterations = @iterations, failed_sign_ins = 0, locked_until_ms = 0 WHERE email = @email",
            new { email, hash, salt, iterations });
        if (updated == 1) return false;
        connection.Execute(
            "INSERT INTO admins (id, email, password_hash, password_salt, iterations, created_ms) VALUES (@id, @email, @hash, @salt, @iterations, @now)",
            new { id = Guid.NewGuid().ToString("N"), email, hash, salt, iterations, now = StateStore.NowMs() });
        return true;
    }

    /// <summary>Every admin's address, for alerts.</summary>
    public IReadOnlyList<string> Emails()
    {
        using var connection = store.Open();
        return connection.Query<string>("SELECT email FROM admins ORDER BY email").ToList();
    }

    public AdminRecord? Find(string id)
    {
        using var connection = store.Open();
        return connection.QuerySingleOrDefault<AdminRecord>($"SELECT {Columns} FROM admins WHERE id = @id", new { id });
    }

    /// <summary>Checks the password; counts failures and locks the account for <paramref name="lockout"/> after <paramref name="maxFailures"/> in a row.</summary>
    public SignInOutcome SignIn(string email, string password, int maxFailures, TimeSpan lockout)
    {
        using var connection = store.Open();
        var admin = connection.QuerySingleOrDefault<AdminRecord>($"SELECT {Columns} FROM admins WHERE email = @email", new { email });
        if (admin is null)
        {
            PasswordHasher.Verify(password, Decoy.Hash, Decoy.Salt, PasswordHasher.DefaultIterations);
            return new SignInOutcome(null, false);
        }
        var now = StateStore.NowMs();
        if (admin.LockedUntilMs > now) return new SignInOutcome(null, true);
        if (PasswordHasher.Verify(password, admin.PasswordHash, admin.PasswordSalt, (int)admin.Iterations))
        {
            connection.Execute("UPDATE admins SET failed_sign_ins = 0 WHERE id = @id", new { id = admin.Id });
            return new SignInOutcome(admin, false);
        }
        var failures = connection.ExecuteScalar<long>(
            "UPDATE admins SET failed_sign_ins = failed_sign_ins + 1 WHERE id = @id RETURNING failed_sign_ins", new { id = admin.Id });
        if (failures < maxFailures) return new SignInOutcome(null, false);
        connection.Execute("UPDATE admins SET failed_sign_ins = 0, locked_until_ms = @until WHERE id = @id",
            new { id = admin.Id, until = now + (long)lockout.TotalMilliseconds });
        return new SignInOutcome(null, true);
    }
}
