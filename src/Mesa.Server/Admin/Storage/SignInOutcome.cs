namespace Mesa.Server.Admin.Storage;

/// <summary>The admin when the password was right; <see cref="LockedOut"/> when the account is (now) locked.</summary>
public sealed record SignInOutcome(AdminRecord? Admin, bool LockedOut);
