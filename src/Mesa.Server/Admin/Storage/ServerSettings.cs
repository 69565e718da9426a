using System.Globalization;
using Dapper;
using Mesa.Server.Configuration;
using Mesa.Server.Storage;
using Microsoft.Extensions.Options;

namespace Mesa.Server.Admin.Storage;

/// <summary>
/// Settings the console changes at run time, persisted in <c>server_settings</c>; each falls back to
/// appsettings.json / environment until an admin sets it.
/// </summary>
public sealed class ServerSettings(StateDatabase database, IOptions<MesaOptions> options)
{
    public const string RetentionMinutes = "retention_minutes";
    public const string MaxUploadBytes = "max_upload_bytes";
    public const string MinFreeDiskBytes = "min_free_disk_bytes";

    public static readonly IReadOnlyList<string> Names = [RetentionMinutes, MaxUploadBytes, MinFreeDiskBytes];

    public double Retention => Get(RetentionMinutes) ?? options.Value.Retention.Minutes;

    public long UploadLimit => (long)(Get(MaxUploadBytes) ?? options.Value.Limits.MaxUploadBytes);

    /// <summary>Read at every readiness check and job start, so a change takes effect at once.</summary>
    public long MinFreeDisk => (long)(Get(MinFreeDiskBytes) ?? options.Value.Operations.MinFreeDiskBytes);

    public void Set(string name, double value)
    {
        using var connection = database.Open();
        connection.Execute(
            "INSERT INTO server_settings (name, value, updated_ms) VALUES (@name, @value, @now) ON CONFLICT (name) DO UPDATE SET value = @value, updated_ms = @now",
            new { name, value = value.ToString(CultureInfo.InvariantCulture), now = database.NowMs() });
    }

    private double? Get(string name)
    {
        using var connection = database.Open();
        var value = connection.ExecuteScalar<string?>("SELECT value FROM server_settings WHERE name = @name", new { name });
        return value is null ? null : double.Parse(value, CultureInfo.InvariantCulture);
    }
}
