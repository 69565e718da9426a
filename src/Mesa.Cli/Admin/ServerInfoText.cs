using System.Globalization;
using System.Text.Json;
using Mesa.Cli.Client;
using Spectre.Console;

namespace Mesa.Cli.Admin;

/// <summary>An environment probe (one entry of <c>/admin/server-info</c>) as lines for people.</summary>
internal static class ServerInfoText
{
    public static void Write(IAnsiConsole console, JsonElement info)
    {
        var host = info.GetProperty("host");
        var probedAt = info.GetProperty("probed_at").GetDateTimeOffset().UtcDateTime;
        console.WriteLine($"Node {info.GetProperty("node").GetString()}, probed {probedAt:yyyy-MM-dd HH:mm:ss} UTC");
        Line(console, "OS", $"{host.GetProperty("os").GetString()} (kernel {Text(host, "kernel")}, {host.GetProperty("architecture").GetString()})");
        Line(console, "CPU", $"{Text(host, "cpu_model")}, {host.GetProperty("cores").GetInt32()} cores");
        Line(console, "Memory", $"{Size(host, "memory_total_bytes")} total, {Size(host, "memory_available_bytes")} available");
        foreach (var disk in info.GetProperty("disks").EnumerateArray()) Line(console, "Disk", Disk(disk));
        Line(console, "State store", $"{info.GetProperty("state_store").GetString()}; engine {info.GetProperty("engine").GetString()}");
        var databases = info.GetProperty("postgres").EnumerateArray().ToList();
        if (databases.Count == 0) Line(console, "PostgreSQL", "not configured");
        foreach (var database in databases) Line(console, "PostgreSQL", Postgres(database));
        Line(console, "GPU", Gpu(info.GetProperty("gpu")));
        var software = info.GetProperty("software");
        Line(console, ".NET", software.GetProperty("runtime").GetString()!);
        Line(console, "Packages", string.Join(", ", software.GetProperty("packages").EnumerateObject().Select(p => $"{p.Name} {p.Value.GetString()}")));
    }

    private static string Disk(JsonElement disk)
    {
        var where = $"{disk.GetProperty("folder").GetString()} on {Text(disk, "mount")} ({Text(disk, "filesystem")}): " +
            $"{ReadableSize.Of(disk.GetProperty("free_bytes").GetInt64())} free of {ReadableSize.Of(disk.GetProperty("total_bytes").GetInt64())}";
        return disk.GetProperty("error").GetString() is { } error
            ? $"{where}; check failed: {error}"
            : string.Create(CultureInfo.InvariantCulture, $"{where}; write+fsync {disk.GetProperty("write_fsync_ms").GetDouble():F1} ms, read {disk.GetProperty("read_ms").GetDouble():F1} ms");
    }

    private static string Postgres(JsonElement database)
    {
        var role = database.GetProperty("role").GetString();
        if (database.GetProperty("error").GetString() is { } error) return $"{role}: does not answer: {error}";
        var postgis = database.GetProperty("postgis_version").GetString() ?? "no PostGIS";
        var extensions = string.Join(", ", database.GetProperty("extensions").EnumerateArray().Select(e => $"{e.GetProperty("name").GetString()} {e.GetProperty("version").GetString()}"));
        return $"{role}: {database.GetProperty("version").GetString()}; {postgis}; extensions {extensions}";
    }

    private static string Gpu(JsonElement gpu)
    {
        var gpus = gpu.GetProperty("gpus").EnumerateArray().ToList();
        if (gpus.Count == 0) return gpu.GetProperty("error").GetString() is { } error ? $"none ({error})" : "none";
        var cuda = gpu.GetProperty("cuda_version").GetString() ?? "unknown";
        return string.Join("; ", gpus.Select(g => $"{g.GetProperty("name").GetString()} ({Text(g, "memory_total")}, driver {Text(g, "driver")})")) + $", CUDA {cuda}";
    }

    private static void Line(IAnsiConsole console, string label, string text) => console.WriteLine($"{label,-12}{text}");

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? "unknown";

    private static string Size(JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Number ? ReadableSize.Of(element.GetProperty(name).GetInt64()) : "unknown";
}
