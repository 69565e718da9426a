using Dapper;
using Mesa.Cluster.State;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Mesa.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Tests.State;

/// <summary>
/// What every state store must do, run once per provider by the subclasses: users and email tokens, the job
/// state machine, queue order, idempotent submission, log lines and migrations. Each test gets a fresh store.
/// </summary>
public abstract partial class StateStoreContract : IAsyncLifetime
{
    private string _dataFolder = null!;

    /// <summary>The store's clock: real time plus what a test moves it forward by.</summary>
    protected ManualClock Clock { get; } = new();

    protected StateDatabase Database { get; private set; } = null!;
    protected UserRepository Users { get; private set; } = null!;
    protected JobRepository Jobs { get; private set; } = null!;
    protected RefreshTokenRepository RefreshTokens { get; private set; } = null!;

    /// <summary>The <c>Mesa:State</c> settings of a new, empty store.</summary>
    protected abstract Task<StateOptions> CreateStoreAsync();

    protected abstract Task DropStoreAsync();

    public async Task InitializeAsync()
    {
        _dataFolder = Directory.CreateTempSubdirectory("mesa-state-test-").FullName;
        var options = Options.Create(new MesaOptions { DataFolder = _dataFolder, State = await CreateStoreAsync() });
        Database = new StateDatabase(new DataFolder(options), options, Clock, NullLogger<StateDatabase>.Instance);
        Users = new UserRepository(Database);
        Jobs = new JobRepository(Database);
        RefreshTokens = new RefreshTokenRepository(Database, options);
    }

    public async Task DisposeAsync()
    {
        Database.Dispose();
        await DropStoreAsync();
        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public void Every_shipped_migration_is_recorded_once_and_applying_again_changes_nothing()
    {
        var shipped = StateMigrations.For(Database.Store.Provider).Select(m => m.Version).ToList();
        Assert.NotEmpty(shipped);
        Assert.Equal(shipped, StateMigrations.Applied(Database.Store));
        Assert.Empty(StateMigrations.Apply(Database.Store));
        Assert.Equal(shipped, StateMigrations.Applied(Database.Store));
    }

    [Fact]
    public void Refresh_tokens_rotate_and_a_replayed_one_revokes_its_family()
    {
        var (user, _) = Users.Create(UserRepository.NewId(), "refresh@example.org", "R", "A", "S");
        var first = RefreshTokens.Start(user.Id);
        var other = RefreshTokens.Start(user.Id);
        var rotated = Assert.IsType<RefreshOutcome.Rotated>(RefreshTokens.Rotate(first));
        Assert.Equal(user.Id, rotated.UserId);
        var replayed = Assert.IsType<RefreshOutcome.Reused>(RefreshTokens.Rotate(first));
        Assert.Equal(rotated.FamilyId, replayed.FamilyId);
        Assert.IsType<RefreshOutcome.Rejected>(RefreshTokens.Rotate(rotated.NewToken));
        Assert.IsType<RefreshOutcome.Rejected>(RefreshTokens.Rotate("unknown"));
        Assert.IsType<RefreshOutcome.Rotated>(RefreshTokens.Rotate(other));
    }

    [Fact]
    public void Both_providers_ship_the_same_migration_versions_and_names()
    {
        static IEnumerable<string> Names(StateProvider provider) => StateMigrations.For(provider).Select(m => $"{m.Version:D3}_{m.Name}");
        Assert.Equal(Names(StateProvider.Sqlite), Names(StateProvider.Postgres));
    }

    [Fact]
    public void A_user_is_created_once_per_email()
    {
        var email = NewEmail();
        var (user, created) = Users.Create(UserRepository.NewId(), email, "Ada", "Institute", "Coast");
        Assert.True(created);
        var (again, createdAgain) = Users.Create(UserRepository.NewId(), email, "Other name", "Elsewhere", "Other");
        Assert.False(createdAgain);
        Assert.Equal(user, again);
        Assert.Equal("Ada", Users.Find(user.Id)!.Name);
        Assert.Equal(user.Id, Users.IdFor(email));
        Assert.Null(Users.IdFor(NewEmail()));
        Assert.Null(Users.Find("no-such-user"));
    }

    [Fact]
    public void An_email_token_redeems_once_and_never_after_expiry()
    {
        var user = NewUser();
        Users.AddToken(user.Id, "hash-live", DateTimeOffset.UtcNow.AddHours(1));
        Users.AddToken(user.Id, "hash-expired", DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.Equal(2, Users.TokensIssuedSince(user.Id, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(0, Users.TokensIssuedSince(user.Id, DateTimeOffset.UtcNow.AddMinutes(1)));

        Assert.Equal(user.Id, Users.UserOfToken("hash-live"));
        Assert.Null(Users.UserOfToken("hash-unknown"));
        Assert.False(Users.Redeem(NewUser().Id, "hash-live"));
        Assert.True(Users.Redeem(user.Id, "hash-live"));
        Assert.False(Users.Redeem(user.Id, "hash-live"));
        Assert.False(Users.Redeem(user.Id, "hash-expired"));
        Assert.False(Users.Redeem(user.Id, "hash-unknown"));
    }

    [Fact]
    public void Submission_with_the_same_idempotency_key_returns_the_same_job_for_its_owner_only()
    {
        var user = NewUser();
        var other = NewUser();
        var (job, created) = Jobs.Create(user, "first", "key-1");
        Assert.True(created);
        var (again, createdAgain) = Jobs.Create(user, "second", "key-1");
        Assert.False(createdAgain);
        Assert.Equal(job, again);
        Assert.True(Jobs.Create(other, "theirs", "key-1").Created);
        // Without a key every submission is a new job.
        Assert.NotEqual(Jobs.Create(user, "a", null).Job.Id, Jobs.Create(user, "b", null).Job.Id);
        Assert.Equal(3, Jobs.ListOwned(user.Id, 1, 10).Total);
    }

    [Fact]
    public void A_job_moves_through_its_states_only_along_allowed_transitions()
    {
        var user = NewUser();
        var job = Jobs.Create(user, "job", null).Job;
        Assert.Equal(JobState.AwaitingUpload, job.State);
        Assert.False(Jobs.Finish(job.Id, Node, 0));
        Assert.True(Jobs.RecordUpload(job.Id, 123, "abc"));
        Assert.True(Jobs.Enqueue(job.Id));
        Assert.False(Jobs.Enqueue(job.Id));
        Assert.False(Jobs.RecordUpload(job.Id, 1, "late"));

        var running = Take()!;
        Assert.Equal((job.Id, JobState.Running, 1L, 123L, "abc"), (running.Id, running.State, running.Runs, running.UploadBytes!.Value, running.UploadSha256));
        Jobs.SaveProgress(job.Id, Node, "intersect", 0.5);
        Assert.Equal(("intersect", 0.5), (Jobs.Find(job.Id)!.Stage, Jobs.Find(job.Id)!.Progress));

        Assert.True(Jobs.Finish(job.Id, Node, 0));
        Assert.False(Jobs.Finish(job.Id, Node, 0));
        Assert.False(Jobs.Fail(job.Id, Node, "too late"));
        Assert.False(Jobs.Requeue(job.Id, Node));
        Assert.False(Jobs.RequestCancel(job.Id));
        var finished = Jobs.Find(job.Id)!;
        Assert.Equal((JobState.Finished, 1.0, (string?)null), (finished.State, finished.Progress, finished.Error));
    }

    [Fact]
    public void Failing_records_the_error_and_cancelling_depends_on_the_state()
    {
        var user = NewUser();
        var failing = QueuedJob(user);
        Assert.Equal(failing, Take()!.Id);
        Assert.True(Jobs.Fail(failing, Node, "bad input"));
        Assert.Equal((JobState.Failed, "bad input"), (Jobs.Find(failing)!.State, Jobs.Find(failing)!.Error));

        var queued = QueuedJob(user);
        Assert.True(Jobs.RequestCancel(queued));
        Assert.Equal(JobState.Cancelled, Jobs.Find(queued)!.State);
        Assert.Null(Take());

        var running = QueuedJob(user);
        Take();
        Assert.True(Jobs.RequestCancel(running));
        Assert.Equal((JobState.Running, true), (Jobs.Find(running)!.State, Jobs.Find(running)!.CancelRequested));
        Assert.True(Jobs.MarkCancelled(running, Node));
        Assert.Equal(JobState.Cancelled, Jobs.Find(running)!.State);
    }

    [Fact]
    public void The_queue_serves_priority_first_then_age_and_reports_positions()
    {
        var user = NewUser();
        var oldLow = QueuedJob(user);
        var newLow = QueuedJob(user);
        var high = QueuedJob(user with { Priority = 5 });
        Assert.Equal(1, Jobs.QueuePosition(Jobs.Find(high)!));
        Assert.Equal(2, Jobs.QueuePosition(Jobs.Find(oldLow)!));
        Assert.Equal(3, Jobs.QueuePosition(Jobs.Find(newLow)!));

        Assert.Equal(high, Take()!.Id);
        Assert.Null(Jobs.QueuePosition(Jobs.Find(high)!));
        Assert.Equal(oldLow, Take()!.Id);
        Assert.Equal(newLow, Take()!.Id);
        Assert.Null(Take());
    }

    [Fact]
    public async Task Concurrent_takers_never_get_the_same_job()
    {
        var user = NewUser();
        var queued = Enumerable.Range(0, 12).Select(_ => QueuedJob(user)).ToHashSet();
        var taken = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => Take()?.Id)));
        var ids = taken.OfType<string>().ToList();
        Assert.Equal(queued.Count, ids.Count);
        Assert.Equal(queued, ids.ToHashSet());
    }

    [Fact]
    public void Interrupted_jobs_go_back_to_the_queue_and_count_their_runs()
    {
        var user = NewUser();
        var first = QueuedJob(user);
        var second = QueuedJob(user);
        Take();
        Jobs.SaveProgress(first, Node, "flatten", 0.7);
        Assert.True(Jobs.Requeue(first, Node));
        var requeued = Jobs.Find(first)!;
        Assert.Equal((JobState.Queued, (string?)null, 0.0), (requeued.State, requeued.Stage, requeued.Progress));

        Take();
        Take();
        // What the queue does with the jobs of a lost silo.
        Assert.Equal(2, Jobs.Running().Count(r => r.Silo == Node && Jobs.Requeue(r.JobId, r.Silo)));
        Assert.Equal(first, Take()!.Id);
        Assert.Equal(3, Jobs.Find(first)!.Runs);
        Assert.Equal(second, Take()!.Id);
    }

    [Fact]
    public void The_log_tail_returns_the_newest_lines_in_order()
    {
        var job = QueuedJob(NewUser());
        var other = QueuedJob(NewUser());
        for (var i = 1; i <= 5; i++) Jobs.AppendLog(job, i == 5 ? "error" : "info", $"line {i}");
        Jobs.AppendLog(other, "info", "someone else's");
        Assert.Equal(["line 3", "line 4", "line 5"], Jobs.LogTail(job, 3).Select(l => l.Message));
        Assert.Equal("error", Jobs.LogTail(job, 1).Single().Level);
        Assert.Equal(5, Jobs.LogTail(job, int.MaxValue).Count);
    }

    [Fact]
    public void Owners_list_their_own_jobs_newest_first_a_page_at_a_time()
    {
        var user = NewUser();
        var ids = Enumerable.Range(0, 5).Select(_ => QueuedJob(user)).ToList();
        QueuedJob(NewUser());
        var (page, total) = Jobs.ListOwned(user.Id, 2, 2);
        Assert.Equal(5, total);
        Assert.Equal([ids[2], ids[1]], page.Select(j => j.Id));
        Assert.NotNull(Jobs.FindOwned(ids[0], user.Id));
        Assert.Null(Jobs.FindOwned(ids[0], NewUser().Id));
    }

    [Fact]
    public void Retention_finds_ended_and_abandoned_jobs_and_records_the_purge()
    {
        var user = NewUser();
        var abandoned = Jobs.Create(user, "never uploaded", null).Job.Id;
        var finished = QueuedJob(user);
        Take();
        Jobs.Finish(finished, Node, 0);
        var waiting = QueuedJob(user);
        Assert.Empty(Jobs.Expired(Window, Grace));
        Clock.Advance(Window + TimeSpan.FromSeconds(1));
        Assert.Equal(new HashSet<string> { abandoned, finished }, Jobs.Expired(Window, Grace).ToHashSet());

        Jobs.MarkPurged(abandoned);
        Jobs.MarkPurged(finished);
        Assert.Equal(JobState.Cancelled, Jobs.Find(abandoned)!.State);
        Assert.NotNull(Jobs.Find(abandoned)!.Error);
        Assert.Equal(JobState.Finished, Jobs.Find(finished)!.State);
        Assert.Empty(Jobs.Expired(Window, Grace));
        Assert.Equal(JobState.Queued, Jobs.Find(waiting)!.State);
    }

    [Fact]
    public void A_complete_download_and_a_users_own_window_bring_the_purge_forward()
    {
        var user = NewUser();
        var downloaded = FinishedJob(user);
        var kept = FinishedJob(user);
        var shortLived = NewUser();
        var ofShortLived = FinishedJob(shortLived);
        using (var connection = Database.Open())
            connection.Execute("UPDATE users SET retention_minutes = 10 WHERE id = @id", new { id = shortLived.Id });
        Jobs.MarkDownloaded(downloaded);
        Assert.NotNull(Jobs.Find(downloaded)!.DownloadedMs);
        Assert.Equal(10, Users.Find(shortLived.Id)!.RetentionMinutes);

        Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal([ofShortLived], Jobs.Expired(Window, Grace));
        Clock.Advance(Grace);
        Assert.Equal(new HashSet<string> { downloaded, ofShortLived }, Jobs.Expired(Window, Grace).ToHashSet());
        Assert.DoesNotContain(kept, Jobs.Expired(Window, Grace));
    }

    [Fact]
    public void Quota_usage_counts_recent_jobs_and_the_bytes_held()
    {
        var user = NewUser();
        var waiting = Jobs.Create(user, "waiting", null).Job.Id;
        Jobs.RecordUpload(waiting, 1000, "sha");
        var finished = FinishedJob(user, outputBytes: 500);
        var purged = FinishedJob(user, outputBytes: 7000);
        Jobs.MarkPurged(purged);
        var other = NewUser();
        Jobs.Create(other, "someone else's", null);
        var keyed = Jobs.Create(user, "keyed", "key-1").Job.Id;

        Assert.Equal(4, Jobs.CreatedSince(user.Id, Database.NowMs() - 60_000));
        Assert.Equal(keyed, Jobs.FindByIdempotencyKey(user.Id, "key-1")?.Id);
        Assert.Null(Jobs.FindByIdempotencyKey(other.Id, "key-1"));
        // The finished job's upload (10 bytes) is deleted with its inputs; its outputs count until purged.
        Assert.Equal(1500, Jobs.StorageHeld(user.Id));
        Assert.Equal(500, Jobs.StorageHeld(user.Id, exceptUploadOf: waiting));
        Assert.Equal(500, Jobs.Find(finished)!.OutputBytes);
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, Jobs.CreatedSince(user.Id, Database.NowMs() - 60_000));
    }

    [Fact]
    public void Stage_checkpoints_record_start_and_end_per_run_and_feed_the_history()
    {
        var user = NewUser();
        var job = QueuedJob(user);
        var ahead = QueuedJob(user);
        var run = Take()!;
        Assert.Equal(job, run.Id);
        Assert.NotNull(run.StartedMs);
        Jobs.StartStage(job, 1, "prep");
        Jobs.StartStage(job, 1, "prep");
        Jobs.FinishStage(job, 1, "prep", 1.5);
        Jobs.StartStage(job, 1, "intersect");
        Jobs.FinishStage(job, 2, "tiles", 0.25);

        var stages = Jobs.Stages(job);
        Assert.Equal(new (long, string, double?)[] { (1, "prep", 1.5), (1, "intersect", null), (2, "tiles", 0.25) }, stages.Select(s => (s.Run, s.Stage, s.Seconds)));
        Assert.NotNull(stages[0].FinishedMs);
        Assert.Null(stages[1].FinishedMs);
        Assert.Equal(new HashSet<(string, double, long)> { ("prep", 1.5, 10), ("tiles", 0.25, 10) }, Jobs.StageHistory(10).ToHashSet());
        Assert.Equal([job], Jobs.Ahead(Jobs.Find(ahead)!).Select(j => j.Id));
    }

    [Fact]
    public void Stages_that_overlap_are_listed_in_pipeline_order()
    {
        var job = QueuedJob(NewUser());
        Take();
        // Prep runs beside intersect: a long intersect reported after a short prep has the earlier recorded start.
        Jobs.FinishStage(job, 1, "prep", 0.5);
        Jobs.FinishStage(job, 1, "intersect", 5);
        Jobs.FinishStage(job, 1, "flatten", 0.25);

        var stages = Jobs.Stages(job);
        Assert.Equal(["prep", "intersect", "flatten"], stages.Select(s => s.Stage));
        Assert.True(stages[1].StartedMs < stages[0].StartedMs);
    }

    [Fact]
    public void Timestamps_and_flags_round_trip_with_their_types()
    {
        using var connection = Database.Open();
        var job = QueuedJob(NewUser());
        var stored = connection.QuerySingle<long>("SELECT created_ms FROM jobs WHERE id = @job", new { job });
        Assert.InRange(stored, Database.NowMs() - 60_000, Database.NowMs());
        Assert.False(Jobs.Find(job)!.CancelRequested);
    }

    private static readonly TimeSpan Window = TimeSpan.FromHours(48);
    private static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    private string FinishedJob(UserRecord user, long outputBytes = 0)
    {
        var id = QueuedJob(user);
        Assert.Equal(id, Take()!.Id);
        Assert.True(Jobs.Finish(id, Node, outputBytes));
        return id;
    }

    [Fact]
    public void Only_the_silo_holding_a_job_changes_it_and_its_loss_requeues_it_once()
    {
        var job = QueuedJob(NewUser());
        Assert.True(Jobs.Start(job, "silo-a"));
        Assert.False(Jobs.Start(job, "silo-b"));
        Assert.Contains((job, "silo-a"), Jobs.Running());
        Assert.DoesNotContain(Jobs.Queued(), q => q.JobId == job);
        Assert.False(Jobs.Finish(job, "silo-b", 0));
        Assert.False(Jobs.SaveProgress(job, "silo-b", "intersect", 0.5));

        Assert.True(Jobs.Requeue(job, "silo-a"));
        Assert.False(Jobs.Requeue(job, "silo-a"));
        var requeued = Jobs.Find(job)!;
        Assert.Equal((JobState.Queued, (string?)null), (requeued.State, requeued.NodeId));
        // The first holder comes back too late: nothing it does counts any more.
        Assert.False(Jobs.Finish(job, "silo-a", 0));

        Assert.True(Jobs.Start(job, "silo-b"));
        Assert.True(Jobs.RequestCancel(job));
        Assert.True(Jobs.Finish(job, "silo-b", 0));
        Assert.Equal(2, Jobs.Find(job)!.Runs);
    }

    [Fact]
    public void The_queue_lists_which_jobs_need_a_gpu()
    {
        var user = NewUser();
        var cpuJob = QueuedJob(user);
        var gpuJob = Jobs.Create(user, "gpu", null, requiresGpu: true).Job.Id;
        Jobs.RecordUpload(gpuJob, 1, "sha");
        Jobs.Enqueue(gpuJob);
        Assert.True(Jobs.Find(gpuJob)!.RequiresGpu);
        var queued = Jobs.Queued().Where(q => q.JobId == cpuJob || q.JobId == gpuJob).ToList();
        Assert.Equal([(cpuJob, false), (gpuJob, true)], queued);
    }

    private const string Node = "test-node";

    /// <summary>What the queue does: the first queued job this silo can start (a conditional start, so two takers never share one).</summary>
    private JobRecord? Take() => Jobs.Queued().Select(q => q.JobId).FirstOrDefault(id => Jobs.Start(id, Node)) is { } id ? Jobs.Find(id) : null;

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@example.org";

    private UserRecord NewUser() => Users.Create(UserRepository.NewId(), NewEmail(), "Test User", "Institute", "Summary").User;

    /// <summary>A job that went through upload into the queue; waits a tick so the next one is strictly younger.</summary>
    private string QueuedJob(UserRecord user)
    {
        var id = Jobs.Create(user, "job", null).Job.Id;
        Jobs.RecordUpload(id, 10, "sha");
        Jobs.Enqueue(id);
        Thread.Sleep(2);
        return id;
    }
}
