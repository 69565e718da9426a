namespace Mesa.Server.Grains;

/// <summary>The queue as the cluster view shows it: the silo hosting it and the slots it last heard from.</summary>
[GenerateSerializer, Immutable, Alias("Mesa.QueueView")]
public sealed record QueueView([property: Id(0)] string Silo, [property: Id(1)] IReadOnlyList<SiloSlot> Slots, [property: Id(2)] int Queued);
