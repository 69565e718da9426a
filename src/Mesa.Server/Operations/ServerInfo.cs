namespace Mesa.Server.Operations;

/// <summary>
/// What one run of the environment probe found on a node. <see cref="Postgres"/> is empty when no PostgreSQL is
/// configured (sqlite state store, cpu engine); <see cref="Gpu"/> lists no GPU on a machine without one.
/// </summary>
public sealed record ServerInfo(
    DateTimeOffset ProbedAt,
    string Node,
    HostFacts Host,
    IReadOnlyList<DiskCheck> Disks,
    string StateStore,
    string Engine,
    IReadOnlyList<PostgresFacts> Postgres,
    GpuQuery Gpu,
    PackageVersions Software);
