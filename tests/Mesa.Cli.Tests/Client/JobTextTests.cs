using System.Text.Json;
using System.Text.RegularExpressions;
using Mesa.Cli.Client;

namespace Mesa.Cli.Tests.Client;

/// <summary>The client's readable output for job replies, as a redirected stdout gets it.</summary>
public sealed partial class JobTextTests
{
    private const string Id = "3f2a9c0e5b7d41e8a6c2f0d9b1e4a7c3";
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 19, 20, 31, TimeSpan.Zero);

    [Fact]
    public void A_queued_job_is_one_sentence_with_its_position_and_time_left()
    {
        var job = Json(new { job_id = Id, state = "queued", queue_position = 2, eta = Now.AddMinutes(4) });
        Assert.Equal($"Job {Id} is queued: position 2, about 4 min left.", JobText.Sentence(job, Now));
    }

    [Fact]
    public void A_running_job_shows_its_state_stages_and_log_tail_as_tables_with_unescaped_times()
    {
        var job = Json(new
        {
            job_id = Id, name = "coast", state = "running", stage = "intersect", progress_percent = 45.0, queue_position = (long?)null,
            eta = Now.AddMinutes(3), created_at = Now.AddMinutes(-5), updated_at = Now, upload_bytes = 1_300_000, error = (string?)null,
            downloaded_at = (DateTimeOffset?)null,
            stages = new[]
            {
                new { stage = "prep", run = 1, started_at = (DateTimeOffset?)Now.AddMinutes(-4), finished_at = (DateTimeOffset?)Now.AddMinutes(-3), seconds = (double?)61.3 },
                new { stage = "intersect", run = 1, started_at = (DateTimeOffset?)Now.AddMinutes(-3), finished_at = (DateTimeOffset?)null, seconds = (double?)null },
            },
            log_tail = new[] { new { at = Now.AddMinutes(-3), level = "info", message = "intersect [2 of 4 tiles]" } },
        });

        var text = Render(console => JobText.WriteDetail(console, job, Now));

        Assert.StartsWith($"Job {Id} (coast) is running: intersect 45.0%, about 3 min left.", text);
        Assert.Contains("Workload 1.2 MB.", text);
        Assert.Matches(@"prep\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d\s+61\.3\s", text);
        Assert.Matches(@"intersect\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d", text);
        Assert.Matches(@"\d\d:\d\d:\d\d [+-]\d\d:\d\d\s+info\s+intersect \[2 of 4 tiles\]", text);
        Assert.DoesNotContain("\\u002B", text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void A_failed_job_gives_its_error_and_a_finished_one_says_how_to_download()
    {
        Assert.Equal($"Job {Id} failed: the workload has no assets.", JobText.Sentence(Json(new { job_id = Id, state = "failed", error = "the workload has no assets." }), Now));
        Assert.Contains($"'mesa-cloud download {Id} PROJECT_DIR'", JobText.Sentence(Json(new { job_id = Id, state = "finished" }), Now));
    }

    [Fact]
    public void The_job_list_is_a_table_that_says_when_it_shows_only_the_newest()
    {
        var page = Json(new
        {
            page = 1, page_size = 1, total = 3,
            items = new[] { new { job_id = Id, name = "coast", state = "finished", stage = "tiles", progress_percent = 100.0, created_at = Now, updated_at = Now, error = (string?)null } },
        });

        var lines = Render(console => JobText.WriteList(console, page)).Split('\n');

        var header = Array.FindIndex(lines, line => line.Contains("Job") && line.Contains("State") && line.Contains("Progress"));
        Assert.True(header >= 0);
        var row = lines.Single(line => line.Contains(Id));
        // Aligned: each value starts where its header does.
        Assert.Equal(lines[header].IndexOf("State", StringComparison.Ordinal), row.IndexOf("finished", StringComparison.Ordinal));
        Assert.Matches(TimePattern(), row);
        Assert.Contains("The newest 1 of your 3 jobs.", lines);
    }

    [Fact]
    public void An_empty_job_list_is_a_sentence()
    {
        var text = Render(console => JobText.WriteList(console, Json(new { page = 1, page_size = 20, total = 0, items = Array.Empty<object>() })));
        Assert.Equal("You have no jobs yet; 'mesa-cloud submit PROJECT_DIR' queues one.", text.Trim());
    }

    [Theory]
    [InlineData(812, "812 bytes")]
    [InlineData(4_300, "4.2 KB")]
    [InlineData(12_900_000, "12.3 MB")]
    [InlineData(1_200_000_000, "1.1 GB")]
    public void Sizes_read_in_KB_and_MB(long bytes, string expected) => Assert.Equal(expected, ReadableSize.Of(bytes));

    [Theory]
    [InlineData(20, "under a minute")]
    [InlineData(240, "about 4 min")]
    [InlineData(7_200, "about 2 h")]
    [InlineData(7_800, "about 2 h 10 min")]
    public void Time_left_reads_in_minutes_and_hours(int seconds, string expected) =>
        Assert.Equal(expected, ReadableTime.Until(Now.AddSeconds(seconds), Now));

    private static JsonElement Json(object value) =>
        JsonSerializer.SerializeToElement(value, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

    private static string Render(Action<Spectre.Console.IAnsiConsole> write)
    {
        using var writer = new StringWriter();
        write(ClientConsole.Create(writer, redirected: true));
        return writer.ToString();
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d")]
    private static partial Regex TimePattern();
}
