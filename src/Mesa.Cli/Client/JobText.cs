using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary>
/// A server's job replies as people read them: a sentence for one job ("Job … is queued: position 2, about 4 min
/// left."), tables for its stages, its log tail and the list of jobs. <c>--json</c> prints the replies themselves instead.
/// </summary>
internal static class JobText
{
    /// <summary>The job's state in a few words, as the wait progress shows it beside its bar: "running: intersect, about 3 min left".</summary>
    public static string State(JsonElement job, DateTimeOffset now) => State(job, now, withPercent: false);

    private static string State(JsonElement job, DateTimeOffset now, bool withPercent)
    {
        var state = Text(job, "state") ?? "unknown";
        var left = job.TryGetProperty("eta", out var eta) && eta.ValueKind == JsonValueKind.String
            ? $", {ReadableTime.Until(eta.GetDateTimeOffset(), now)} left" : "";
        return state switch
        {
            "awaiting_upload" => "waiting for its workload upload",
            "queued" => job.TryGetProperty("queue_position", out var position) && position.ValueKind == JsonValueKind.Number
                ? $"queued: position {position.GetInt64()}{left}" : $"queued{left}",
            "running" => $"running: {Text(job, "stage") ?? "starting"}{(withPercent ? $" {Percent(job)}" : "")}{left}",
            "failed" => $"failed: {Text(job, "error") ?? "no reason given"}",
            _ => state,
        };
    }

    /// <summary>One sentence for a job reply (status, submit, complete-upload).</summary>
    public static string Sentence(JsonElement job, DateTimeOffset now)
    {
        var id = Text(job, "job_id");
        var subject = Text(job, "name") is { } name ? $"Job {id} ({name})" : $"Job {id}";
        return Text(job, "state") switch
        {
            "failed" => $"{subject} {State(job, now).TrimEnd('.')}.",
            "finished" => $"{subject} is finished; 'mesa-cloud download {id} PROJECT_DIR' fetches its results.",
            _ => $"{subject} is {State(job, now, withPercent: true)}.",
        };
    }

    /// <summary>The cancel reply: cancelled at once, or a running job told to stop.</summary>
    public static string Cancelled(JsonElement reply) =>
        reply.TryGetProperty("cancel_requested", out var requested) && requested.ValueKind == JsonValueKind.True
            ? $"Job {Text(reply, "job_id")} is stopping; it ends within seconds."
            : $"Job {Text(reply, "job_id")} is {Text(reply, "state")}.";

    /// <summary>GET /jobs/{id}: the sentence, its times and upload, the stages table and the log tail.</summary>
    public static void WriteDetail(IAnsiConsole console, JsonElement job, DateTimeOffset now)
    {
        console.WriteLine(Sentence(job, now));
        var facts = $"Created {ReadableTime.Of(job, "created_at")}, last updated {ReadableTime.Of(job, "updated_at")}.";
        if (job.TryGetProperty("upload_bytes", out var upload) && upload.ValueKind == JsonValueKind.Number) facts += $" Workload {ReadableSize.Of(upload.GetInt64())}.";
        if (ReadableTime.Of(job, "downloaded_at") is { Length: > 0 } downloaded) facts += $" Results downloaded {downloaded}.";
        console.WriteLine(facts);
        if (job.TryGetProperty("stages", out var stages) && stages.GetArrayLength() > 0)
        {
            var table = NewTable("Stage", "Run", "Started", "Finished", "Seconds");
            table.Columns[1].RightAligned();
            table.Columns[4].RightAligned();
            foreach (var stage in stages.EnumerateArray())
                AddRow(table, Text(stage, "stage"), Number(stage, "run", "F0"), ReadableTime.Of(stage, "started_at"), ReadableTime.Of(stage, "finished_at"), Number(stage, "seconds", "F1"));
            console.WriteLine();
            console.Write(table);
        }
        if (job.TryGetProperty("log_tail", out var log) && log.GetArrayLength() > 0)
        {
            var table = NewTable("Time", "Level", "Message");
            foreach (var line in log.EnumerateArray()) AddRow(table, ReadableTime.Of(line, "at"), Text(line, "level"), Text(line, "message"));
            console.WriteLine();
            console.WriteLine(log.GetArrayLength() == 1 ? "Last log line:" : $"Last {log.GetArrayLength()} log lines:");
            console.Write(table);
        }
    }

    /// <summary>GET /jobs: one row per job, newest first.</summary>
    public static void WriteList(IAnsiConsole console, JsonElement page)
    {
        var items = page.GetProperty("items");
        var total = page.GetProperty("total").GetInt64();
        if (total == 0)
        {
            console.WriteLine("You have no jobs yet; 'mesa-cloud submit PROJECT_DIR' queues one.");
            return;
        }
        var table = NewTable("Job", "Name", "State", "Stage", "Progress", "Created", "Updated");
        table.Columns[4].RightAligned();
        foreach (var job in items.EnumerateArray())
            AddRow(table, Text(job, "job_id"), Text(job, "name"), Text(job, "state"), Text(job, "stage"), Percent(job), ReadableTime.Of(job, "created_at"), ReadableTime.Of(job, "updated_at"));
        console.Write(table);
        console.WriteLine(items.GetArrayLength() < total ? $"The newest {items.GetArrayLength()} of your {total} jobs." : $"{total} job{(total == 1 ? "" : "s")}.");
    }

    private static Table NewTable(params string[] headers)
    {
        // No border, like ps or kubectl: the columns stay aligned and the text copies cleanly from a terminal or a log.
        var table = new Table { Border = TableBorder.None };
        for (var i = 0; i < headers.Length; i++) table.AddColumn(new TableColumn(new Text(headers[i])) { Padding = new Padding(0, 0, i < headers.Length - 1 ? 2 : 0, 0) });
        return table;
    }

    // Cells as Text, never markup: names and log messages may hold '[' and ']'.
    private static void AddRow(Table table, params string?[] cells) => table.AddRow(cells.Select(cell => new Text(cell ?? "")));

    private static string? Text(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Number(JsonElement json, string property, string format) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString(format, CultureInfo.InvariantCulture) : "";

    private static string Percent(JsonElement job) => Number(job, "progress_percent", "F1") is { Length: > 0 } percent ? $"{percent}%" : "";
}
