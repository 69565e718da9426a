namespace Mesa.Server.Configuration;

/// <summary>The admin console's sign-in rules (section <c>Mesa:Admin</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>How long a console session lasts after sign-in.</summary>
    public int SessionMinutes { get; set; } = 8 * 60;

    /// <summary>Wrong passwords in a row before an admin account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts per client IP per window, whatever the account.</summary>
    public int SignInsPerIpPerWindow { get; set; } = 10;

    public int SignInWindowSeconds { get; set; } = 60;
}
