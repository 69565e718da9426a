using System.Data.Common;
using Dapper;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Tests.Admin;

/// <summary>The admin console's stores on each state store provider (subclasses): same SQL, same answers on SQLite and PostgreSQL.</summary>
public abstract class AdminStoreContract : IAsyncLifetime
{
    private string _dataFolder = null!;
    private StateDatabase _database = null!;
    private UserRepository _users = null!;
    private JobRepository _jobs = null!;
    private AdminQueries _queries = null!;

    protected abstract Task<StateOptions> CreateStoreAsync();

    protected abstract Task DropStoreAsync();

    public async Task InitializeAsync()
    {
        _dataFolder = Directory.CreateTempSubdirectory("mesa-admin-store-").FullName;
        var options = Options.Create(new MesaOptions { DataFolder = _dataFolder, State = await CreateStoreAsync() });
        _database = new StateDatabase(new DataFolder(options), options, NullLogger<StateDatabase>.Instance);
        _users = new UserRepository(_database);
        _jobs = new JobRepository(_database);
        _queries = new AdminQueries(_database);
    }

    public async Task DisposeAsync()
    {
        _database.Dispose();
        await DropStoreAsync();
        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public void Accounts_check_passwords_lock_out_and_sessions_end()
    {
        var accounts = new AdminAccounts(_database.Store);
        Assert.True(accounts.AddOrReset("boss@example.org", "a long test password", 1000));
        Assert.Equal("boss@example.org", accounts.SignIn("boss@example.org", "a long test password", 2, TimeSpan.FromMinutes(1)).Admin?.Email);
        Assert.Equal(new SignInOutcome(null, false), accounts.SignIn("boss@example.org", "wrong", 2, TimeSpan.FromMinutes(1)));
        Assert.Equal(new SignInOutcome(null, true), accounts.SignIn("boss@example.org", "wrong", 2, TimeSpan.FromMinutes(1)));
        Assert.True(accounts.SignIn("boss@example.org", "a long test password", 2, TimeSpan.FromMinutes(1)).LockedOut);
        Assert.False(accounts.AddOrReset("boss@example.org", "a new long password", 1000));
        var admin = accounts.SignIn("boss@example.org", "a new long password", 2, TimeSpan.FromMinutes(1)).Admin!;

        var sessions = new AdminSessions(_database);
        var cookie = sessions.Start(admin.Id, TimeSpan.FromMinutes(5));
        var session = sessions.Find(cookie)!;
        Assert.Equal("boss@example.org", session.Email);
        Assert.NotEqual(cookie, session.IdHash);
        Assert.Null(sessions.Find(cookie + "x"));
        sessions.End(session);
        Assert.Null(sessions.Find(cookie));
        Assert.Null(sessions.Find(sessions.Start(admin.Id, TimeSpan.FromMilliseconds(-1))));
    }

    [Fact]
    public void Audit_log_pages_newest_first_and_filters()
    {
        var audit = new AuditLog(_database, NullLogger<AuditLog>.Instance);
        for (var i = 0; i < 7; i++) audit.Record(AuditLog.Admin, "boss@example.org", i % 2 == 0 ? "user.update" : "job.cancel", $"t{i}", $"change {i}");
        audit.Record(AuditLog.User, "u1", "job.access", "t9");
        var (page, total) = audit.Page(new AuditFilter(null, null, null, null, null, null), 1, 3);
        Assert.Equal(8, total);
        Assert.Equal(["t9", "t6", "t5"], page.Select(e => e.Target));
        var (second, _) = audit.Page(new AuditFilter(null, null, null, null, null, null), 2, 3);
        Assert.Equal(["t4", "t3", "t2"], second.Select(e => e.Target));
        Assert.Equal(3, audit.Page(new AuditFilter(AuditLog.Admin, "boss@example.org", "job.cancel", null, null, null), 1, 10).Total);
        Assert.Equal(1, audit.Page(new AuditFilter(null, null, null, "t9", null, null), 1, 10).Total);
        Assert.Equal(0, audit.Page(new AuditFilter(null, null, null, null, DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds(), null), 1, 10).Total);

        // Append-only in the database itself, whatever code runs against it.
        using var connection = _database.Open();
        Assert.ThrowsAny<DbException>(() => connection.Execute("UPDATE audit_log SET actor = 'someone else'"));
        Assert.ThrowsAny<DbException>(() => connection.Execute("DELETE FROM audit_log"));
        Assert.Equal(8, audit.Page(new AuditFilter(null, "boss@example.org", null, null, null, null), 1, 10).Total + 1);
    }

    [Fact]
    public void Blacklist_matches_addresses_and_domains()
    {
        var blacklist = new Blacklist(_database);
        var (victim, _) = _users.FindOrCreate("a_b@bad.org", "A", "Org", "Summary");
        _users.FindOrCreate("c@notbad.org", "C", "Org", "Summary");
        _users.FindOrCreate("d@bad.org.uk", "D", "Org", "Summary");
        Assert.True(blacklist.Add(Blacklist.Domain, "bad.org", "spam"));
        Assert.False(blacklist.Add(Blacklist.Domain, "bad.org", null));
        Assert.Equal([victim.Id], blacklist.UsersMatching(Blacklist.Domain, "bad.org"));
        Assert.True(blacklist.Blocks("x@bad.org"));
        Assert.False(blacklist.Blocks("c@notbad.org"));
        Assert.True(blacklist.Add(Blacklist.Email, "c@notbad.org", null));
        Assert.True(blacklist.Blocks("c@notbad.org"));
        Assert.Equal(2, blacklist.All().Count);
        Assert.True(blacklist.Remove(Blacklist.Domain, "bad.org"));
        Assert.False(blacklist.Blocks("x@bad.org"));
    }

    [Fact]
    public void User_controls_and_settings_persist()
    {
        var (user, _) = _users.FindOrCreate("u@example.org", "Una Example", "Org", "Summary");
        var controls = new UserControls(_database);
        Assert.Equal(0, controls.TokensValidFrom(user.Id));
        controls.RevokeTokens(user.Id);
        Assert.InRange(controls.TokensValidFrom(user.Id), DateTimeOffset.UtcNow.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        controls.SetRetention(user.Id, 30);
        Assert.Equal(30, controls.RetentionOverrides()[user.Id]);
        controls.SetRetention(user.Id, null);
        Assert.Empty(controls.RetentionOverrides());

        var settings = new ServerSettings(_database, Options.Create(new MesaOptions()));
        Assert.Equal(48 * 60, settings.Retention);
        settings.Set(ServerSettings.RetentionMinutes, 90);
        settings.Set(ServerSettings.RetentionMinutes, 95);
        Assert.Equal(95, settings.Retention);

        _queries.SetUserPriority(user.Id, 7);
        var (found, total) = _queries.Users("una", 1, 10);
        Assert.Equal(1, total);
        Assert.Equal(7, found.Single().Priority);
        Assert.Equal(0, _queries.Users("100%", 1, 10).Total);
    }

    [Fact]
    public void Queue_lists_running_then_queued_in_dispatch_order_and_jobs_can_be_changed()
    {
        var (user, _) = _users.FindOrCreate("q@example.org", "Q", "Org", "Summary");
        var ids = Enumerable.Range(0, 4).Select(i => _jobs.Create(user, $"job {i}", null).Job.Id).ToList();
        foreach (var id in ids) _jobs.Enqueue(id);
        Assert.True(_queries.SetJobPriority(ids[2], 5));
        var running = _jobs.TakeNext()!;
        Assert.Equal(ids[2], running.Id);
        Assert.True(_queries.SetJobPriority(ids[3], 9));
        Assert.False(_queries.SetJobPriority(running.Id, 1));
        var (queue, total) = _queries.Queue(1, 10);
        Assert.Equal(4, total);
        Assert.Equal([ids[2], ids[3], ids[0], ids[1]], queue.Select(j => j.Id));

        Assert.False(_queries.DeleteJob(running.Id));
        Assert.False(_queries.RequeueFailed(running.Id));
        _jobs.AppendLog(running.Id, "Information", "first");
        _jobs.AppendLog(running.Id, "Information", "second");
        var log = _queries.LogAfter(running.Id, 0, 10);
        Assert.Equal(["first", "second"], log.Select(l => l.Message));
        Assert.Equal(["second"], _queries.LogAfter(running.Id, log[0].Seq, 10).Select(l => l.Message));
        _jobs.Fail(running.Id, "boom");
        Assert.True(_queries.RequeueFailed(running.Id));
        Assert.Equal(JobState.Queued, _jobs.Find(running.Id)!.State);
        Assert.True(_queries.DeleteJob(running.Id));
        Assert.Null(_jobs.Find(running.Id));
        Assert.Empty(_queries.LogAfter(running.Id, 0, 10));
        Assert.Equal(3, _queries.Jobs(JobState.Queued, user.Id, 1, 10).Total);
        var (page, all) = _queries.Jobs(null, null, 2, 2);
        Assert.Equal(3, all);
        Assert.Single(page);
    }
}
