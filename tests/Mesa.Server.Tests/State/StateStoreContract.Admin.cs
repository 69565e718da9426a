using System.Data.Common;
using Dapper;
using Mesa.Server.Admin.Storage;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Tests.State;

/// <summary>The admin console's stores: the same SQL must give the same answers on every provider.</summary>
public abstract partial class StateStoreContract
{
    private AdminQueries Queries => new(Database);

    [Fact]
    public void Accounts_check_passwords_lock_out_and_sessions_end()
    {
        var accounts = new AdminAccounts(Database.Store);
        Assert.True(accounts.AddOrReset("boss@example.org", "a long test password", 1000));
        Assert.Equal("boss@example.org", accounts.SignIn("boss@example.org", "a long test password", 2, TimeSpan.FromMinutes(1)).Admin?.Email);
        Assert.Equal(new SignInOutcome(null, false), accounts.SignIn("boss@example.org", "wrong", 2, TimeSpan.FromMinutes(1)));
        Assert.Equal(new SignInOutcome(null, true), accounts.SignIn("boss@example.org", "wrong", 2, TimeSpan.FromMinutes(1)));
        Assert.True(accounts.SignIn("boss@example.org", "a long test password", 2, TimeSpan.FromMinutes(1)).LockedOut);
        Assert.False(accounts.AddOrReset("boss@example.org", "a new long password", 1000));
        var admin = accounts.SignIn("boss@example.org", "a new long password", 2, TimeSpan.FromMinutes(1)).Admin!;

        var sessions = new AdminSessions(Database);
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
        var audit = new AuditLog(Database, NullLogger<AuditLog>.Instance);
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
        using var connection = Database.Open();
        Assert.ThrowsAny<DbException>(() => connection.Execute("UPDATE audit_log SET actor = 'someone else'"));
        Assert.ThrowsAny<DbException>(() => connection.Execute("DELETE FROM audit_log"));
        Assert.Equal(8, audit.Page(new AuditFilter(null, "boss@example.org", null, null, null, null), 1, 10).Total + 1);
    }

    [Fact]
    public void Blacklist_matches_addresses_and_domains()
    {
        var blacklist = new Blacklist(Database);
        var (victim, _) = Users.Create(UserRepository.NewId(), "a_b@bad.org", "A", "Org", "Summary");
        Users.Create(UserRepository.NewId(), "c@notbad.org", "C", "Org", "Summary");
        Users.Create(UserRepository.NewId(), "d@bad.org.uk", "D", "Org", "Summary");
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
    public async Task User_controls_and_settings_persist()
    {
        var (user, _) = Users.Create(UserRepository.NewId(), "u@example.org", "Una Example", "Org", "Summary");
        var controls = new UserControls(Database, new RefreshTokenRepository(Database, Options.Create(new MesaOptions())));
        Assert.Equal(0, Users.FindWithTokensValidFrom(user.Id)!.Value.TokensValidFromS);
        controls.RevokeTokens(user.Id);
        Assert.InRange(Users.FindWithTokensValidFrom(user.Id)!.Value.TokensValidFromS,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
        Assert.Null(Users.FindWithTokensValidFrom("no-such-user"));
        Queries.SetUserColumn(user.Id, "retention_minutes", 30);
        Queries.SetUserColumn(user.Id, "quota_jobs_per_day", 3);
        Assert.Equal(30, Users.Find(user.Id)!.RetentionMinutes);
        Assert.Equal(3, Queries.User(user.Id)!.QuotaJobsPerDay);
        Queries.SetUserColumn(user.Id, "retention_minutes", null);
        Assert.Null(Users.Find(user.Id)!.RetentionMinutes);
        Assert.Throws<ArgumentException>(() => Queries.SetUserColumn(user.Id, "email", 1));

        var settings = new ServerSettings(Database, Options.Create(new MesaOptions()));
        Assert.Equal(48 * 60, settings.Retention);
        settings.Set(ServerSettings.RetentionMinutes, 90);
        settings.Set(ServerSettings.RetentionMinutes, 95);
        Assert.Equal(95, settings.Retention);

        Queries.SetUserColumn(user.Id, "priority", 7);
        var (found, total) = Queries.Users("una", 1, 10);
        Assert.Equal(1, total);
        Assert.Equal(7, found.Single().Priority);
        Assert.Equal(0, Queries.Users("100%", 1, 10).Total);
    }

    [Fact]
    public void Queue_lists_running_then_queued_in_dispatch_order_andJobs_can_be_changed()
    {
        var (user, _) = Users.Create(UserRepository.NewId(), "q@example.org", "Q", "Org", "Summary");
        var ids = Enumerable.Range(0, 4).Select(i => Jobs.Create(user, $"job {i}", null).Job.Id).ToList();
        foreach (var id in ids) Jobs.Enqueue(id);
        Assert.True(Queries.SetJobPriority(ids[2], 5));
        var next = Jobs.Queued().First(q => ids.Contains(q.JobId)).JobId;
        Assert.True(Jobs.Start(next, "silo-a"));
        var running = Jobs.Find(next)!;
        Assert.Equal(ids[2], running.Id);
        Assert.True(Queries.SetJobPriority(ids[3], 9));
        Assert.False(Queries.SetJobPriority(running.Id, 1));
        var (queue, total) = Queries.Queue(1, 10);
        Assert.Equal(4, total);
        Assert.Equal([ids[2], ids[3], ids[0], ids[1]], queue.Select(j => j.Id));

        Assert.False(Queries.DeleteJob(running.Id));
        Assert.False(Queries.RequeueFailed(running.Id));
        Jobs.AppendLog(running.Id, "Information", "first");
        Jobs.AppendLog(running.Id, "Information", "second");
        var log = Queries.LogAfter(running.Id, 0, 10);
        Assert.Equal(["first", "second"], log.Select(l => l.Message));
        Assert.Equal(["second"], Queries.LogAfter(running.Id, log[0].Seq, 10).Select(l => l.Message));
        Jobs.Fail(running.Id, "silo-a", "boom");
        Assert.True(Queries.RequeueFailed(running.Id));
        Assert.Equal(JobState.Queued, Jobs.Find(running.Id)!.State);
        Assert.True(Queries.DeleteJob(running.Id));
        Assert.Null(Jobs.Find(running.Id));
        Assert.Empty(Queries.LogAfter(running.Id, 0, 10));
        Assert.Equal(3, Queries.Jobs(JobState.Queued, user.Id, 1, 10).Total);
        var (page, all) = Queries.Jobs(null, null, 2, 2);
        Assert.Equal(3, all);
        Assert.Single(page);
    }
}
