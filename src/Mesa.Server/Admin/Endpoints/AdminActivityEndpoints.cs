using Mesa.Server.Admin.Storage;
using Mesa.Server.Endpoints;

namespace Mesa.Server.Admin.Endpoints;

/// <summary>The activity plots' data: queue length, job run times and failures over the last hours (24 by default, at most 168).</summary>
public static class AdminActivityEndpoints
{
    public static void MapAdminActivity(this RouteGroupBuilder api) =>
        api.MapGet("/activity", (ActivityHistory history, int? hours) =>
        {
            var window = hours ?? 24;
            if (window is < 1 or > 168) return Problems.Field("hours", "must be between 1 and 168.");
            var activity = history.Last(TimeSpan.FromHours(window));
            return Results.Ok(new
            {
                from = At(activity.FromMs),
                to = At(activity.ToMs),
                sample_minutes = ActivityHistory.SampleMinutes,
                queue_length = activity.QueueLength.Select(s => new { at = At(s.AtMs), queued = s.Queued }),
                ended = activity.Ended.Select(e => new { job_id = e.Id, state = e.State, at = At(e.EndedMs), seconds = e.Seconds }),
                hours = activity.Hours.Select(h => new { start = At(h.StartMs), failed = h.Failed, finished = h.Finished }),
            });
        });

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
