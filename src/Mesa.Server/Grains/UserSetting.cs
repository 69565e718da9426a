namespace Mesa.Server.Grains;

/// <summary>One admin-set <c>users</c> column (see <c>AdminQueries.UserSettings</c>) and its value; null clears an override.</summary>
[GenerateSerializer]
public sealed record UserSetting([property: Id(0)] string Column, [property: Id(1)] long? Value);
