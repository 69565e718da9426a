using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Mesa.Server.Storage;

namespace Mesa.Server.Operations;

/// <summary>The probes' history in <c>server_info</c>: one row per probe, the facts as JSON, never changed afterwards.</summary>
public sealed class ServerInfoLog(StateDatabase database)
{
    /// <summary>The API's spelling, so a stored row goes out as it was written.</summary>
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <returns>The row's sequence number.</returns>
    public long Record(ServerInfo info)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(
            "INSERT INTO server_info (probed_ms, node, facts) VALUES (@probedMs, @node, @facts) RETURNING seq",
            new { probedMs = info.ProbedAt.ToUnixTimeMilliseconds(), node = info.Node, facts = JsonSerializer.Serialize(info, Json) });
    }

    /// <summary>The newest <paramref name="count"/> probes of every node, newest first, each with its <c>seq</c>.</summary>
    public IReadOnlyList<JsonObject> Newest(int count) =>
        Read("SELECT seq, facts FROM server_info ORDER BY seq DESC LIMIT @count", new { count });

    /// <summary>The newest probe of <paramref name="node"/>; null before its first.</summary>
    public JsonObject? Latest(string node) =>
        Read("SELECT seq, facts FROM server_info WHERE node = @node ORDER BY seq DESC LIMIT 1", new { node }).SingleOrDefault();

    private List<JsonObject> Read(string sql, object parameters)
    {
        using var connection = database.Open();
        return connection.Query<(long Seq, string Facts)>(sql, parameters).Select(row =>
        {
            var facts = JsonNode.Parse(row.Facts)!.AsObject();
            facts.Insert(0, "seq", row.Seq);
            return facts;
        }).ToList();
    }
}
