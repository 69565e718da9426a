namespace Mesa.Server.Admin.Storage;

/// <summary>How long each user's job files are kept: the console's default, or the user's own override.</summary>
public sealed class RetentionPolicy(ServerSettings settings, UserControls controls)
{
    /// <summary>The default and every override; the sweeper asks once per sweep.</summary>
    public (TimeSpan Default, IReadOnlyDictionary<string, TimeSpan> PerUser) Current() =>
        (TimeSpan.FromMinutes(settings.Retention), controls.RetentionOverrides().ToDictionary(p => p.Key, p => TimeSpan.FromMinutes(p.Value)));
}
