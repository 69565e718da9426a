namespace Mesa.Server.Configuration;

/// <summary>
/// Section <c>Mesa:Cluster:Membership</c>: how quickly a silo that stopped answering is declared dead. Faster
/// detection means faster failover, and more risk that a silo starved of CPU is voted dead (it then stops itself).
/// </summary>
public sealed class MembershipOptions
{
    /// <summary>How long one probe of another silo may take before it counts as missed.</summary>
    public double ProbeTimeoutSeconds { get; set; } = 1;

    /// <summary>Missed probes in a row before a silo suspects another.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Suspicions needed to declare a silo dead (capped by Orleans at half the active silos, rounded up).</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 1;

    /// <summary>How often each silo re-reads the membership table.</summary>
    public double TableRefreshSeconds { get; set; } = 1;
}
