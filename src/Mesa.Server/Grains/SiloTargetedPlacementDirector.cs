using Orleans.Runtime.Placement;

namespace Mesa.Server.Grains;

/// <summary>
/// Puts a <see cref="SiloTargetedPlacement"/> grain on the silo named by its key, and refuses when that silo is not an
/// active member: a call to a lost silo's grain fails instead of quietly activating it somewhere else.
/// </summary>
public sealed class SiloTargetedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        var silo = SiloKey.Parse(key);
        if (silo is null || !context.GetCompatibleSilos(target).Contains(silo))
            throw new OrleansException($"Silo {key} is not an active member of the cluster; its grain cannot be placed.");
        return Task.FromResult(silo);
    }
}
