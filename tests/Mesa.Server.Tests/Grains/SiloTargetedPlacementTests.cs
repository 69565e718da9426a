using Mesa.Server.Grains;
using Orleans.TestingHost;

namespace Mesa.Server.Tests.Grains;

/// <summary>
/// The placement the processing slots rely on, on an Orleans test cluster of three silos: a grain keyed by a silo's
/// address activates on that silo, and a grain of a silo that is not (or no longer) a member is refused rather than
/// activated somewhere else.
/// </summary>
public sealed class SiloTargetedPlacementTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = new TestClusterBuilder(3).AddSiloBuilderConfigurator<WithSiloTargetedPlacement>().Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_grain_keyed_by_a_silo_activates_on_that_silo()
    {
        foreach (var silo in _cluster.Silos)
        {
            var key = SiloKey.Of(silo.SiloAddress);
            Assert.Equal(key, await _cluster.Client.GetGrain<ISiloProbeGrain>(key).WhereAsync());
        }
    }

    [Fact]
    public async Task A_grain_of_a_silo_outside_the_cluster_is_refused()
    {
        var member = _cluster.Silos[0].SiloAddress;
        var stranger = SiloAddress.New(member.Endpoint.Address, member.Endpoint.Port + 1000, member.Generation);
        var refused = await Assert.ThrowsAnyAsync<OrleansException>(() => _cluster.Client.GetGrain<ISiloProbeGrain>(SiloKey.Of(stranger)).WhereAsync());
        Assert.Contains("not an active member", refused.ToString());
        await Assert.ThrowsAnyAsync<OrleansException>(() => _cluster.Client.GetGrain<ISiloProbeGrain>("not a silo").WhereAsync());
    }

    [Fact]
    public async Task A_stopped_silos_grain_is_not_activated_elsewhere()
    {
        var leaving = _cluster.SecondarySilos[0];
        var key = SiloKey.Of(leaving.SiloAddress);
        Assert.Equal(key, await _cluster.Client.GetGrain<ISiloProbeGrain>(key).WhereAsync());
        await _cluster.StopSiloAsync(leaving);
        await Assert.ThrowsAnyAsync<OrleansException>(() => _cluster.Client.GetGrain<ISiloProbeGrain>(key).WhereAsync());
    }

    private sealed class WithSiloTargetedPlacement : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddSiloTargetedPlacement();
    }
}
