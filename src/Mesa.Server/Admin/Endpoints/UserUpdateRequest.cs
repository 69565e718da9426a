namespace Mesa.Server.Admin.Endpoints;

/// <summary>PATCH of a user's controls; absent fields stay as they are. <c>clear_retention</c> drops the override.</summary>
public sealed record UserUpdateRequest(long? Priority, long? RetentionMinutes, bool? ClearRetention);
