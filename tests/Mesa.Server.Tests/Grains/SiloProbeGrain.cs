using Mesa.Server.Grains;

namespace Mesa.Server.Tests.Grains;

[SiloTargetedPlacement]
public sealed class SiloProbeGrain(ILocalSiloDetails silo) : Grain, ISiloProbeGrain
{
    public Task<string> WhereAsync() => Task.FromResult(SiloKey.Of(silo.SiloAddress));
}
