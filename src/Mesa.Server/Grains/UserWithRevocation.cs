using Mesa.Server.Storage;

namespace Mesa.Server.Grains;

/// <summary>What checking an access token needs: the user, and the unix second before which their tokens are refused (0: never revoked).</summary>
[GenerateSerializer]
public sealed record UserWithRevocation([property: Id(0)] UserRecord User, [property: Id(1)] long TokensValidFromS);
