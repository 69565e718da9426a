namespace Mesa.Server.Admin.Endpoints;

public sealed record PriorityRequest(long? Priority);
