namespace Mesa.Server.Tests.Grains;

/// <summary>A silo-targeted grain that says which silo it was activated on.</summary>
[Alias("Mesa.Tests.ISiloProbeGrain")]
public interface ISiloProbeGrain : IGrainWithStringKey
{
    [Alias("Where")]
    Task<string> WhereAsync();
}
