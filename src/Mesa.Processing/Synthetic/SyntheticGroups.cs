using Mesa.Processing.Workload;

namespace Mesa.Processing.Synthetic;

/// <summary>
/// Draws 8 to 12 asset groups named like a coastal MESA project: most assessed (importance and susceptibility
/// in 1..5, sensitivity their product with the default band's code and description, as MESA's parameter tool
/// stores them), one or two not assessed (0/0/0, code "", no description).
/// </summary>
internal static class SyntheticGroups
{
    private static readonly string[] Names =
    [
        "Coral reef", "Mangrove", "Seagrass meadow", "Bird nesting area", "Fish spawning ground", "Shipping lane",
        "Marine protected area", "Cultural heritage site", "Tourist beach", "Aquaculture site", "Coastal wetland",
        "Turtle nesting beach",
    ];

    public static IReadOnlyList<SyntheticGroup> Create(Random random, int hotspotCount)
    {
        var names = Names.ToArray();
        random.Shuffle(names);
        int count = random.Next(8, 13);
        int unassessed = random.Next(3) == 0 ? 2 : 1;
        var groups = new SyntheticGroup[count];
        for (int i = 0; i < count; i++)
        {
            // The shuffled names make the unassessed groups (the last ones) a different kind of asset each time.
            var group = i < count - unassessed ? Assessed(random, i + 1, names[i]) : NotAssessed(i + 1, names[i]);
            var hotspots = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(hotspotCount)).ToArray();
            groups[i] = new SyntheticGroup(group, 0.3 + 1.2 * random.NextDouble(), hotspots);
        }
        return groups;
    }

    private static AssetGroup Assessed(Random random, long id, string name)
    {
        int importance = random.Next(1, 6), susceptibility = random.Next(1, 6);
        int sensitivity = importance * susceptibility;
        var band = MesaConfig.Defaults.BandContaining(sensitivity);
        return new AssetGroup(id, name, LayerName(id), name, TotalAssetObjects: null, importance, susceptibility, sensitivity, band?.Code ?? "", band?.Description);
    }

    private static AssetGroup NotAssessed(long id, string name) =>
        new(id, name, LayerName(id), name, TotalAssetObjects: null, 0, 0, 0, "", null);

    private static string LayerName(long id) => $"layer_{id:000}";
}
