using Orleans.Placement;

namespace Mesa.Server.Grains;

/// <summary>
/// Places a grain on the silo its key names (a silo address as <see cref="SiloAddress.ToParsableString"/> writes it),
/// so each silo has exactly one <see cref="ProcessingGrain"/> and it runs where the pipeline's cores, memory and GPU are.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("Mesa.SiloTargetedPlacement")]
public sealed class SiloTargetedPlacement : PlacementStrategy;

/// <summary>Marks a grain class for <see cref="SiloTargetedPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SiloTargetedPlacementAttribute() : PlacementAttribute(new SiloTargetedPlacement());
