using Mesa.Processing.Import;

namespace Mesa.Processing.Tests.Import;

public sealed class SampleImportTests
{
    [Theory]
    [MemberData(nameof(SampleData.Names), MemberType = typeof(SampleData))]
    public void Groups_match_the_sample_readme(string name)
    {
        var assets = Import(name);
        var expected = SampleData.ReadmeTable(name);

        Assert.Equal(expected.Count, assets.Groups.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (groupName, importance, susceptibility, sensitivity, code) = expected[i];
            var group = assets.Groups[i];
            Assert.Equal(i + 1, group.Id);
            Assert.Equal(groupName, group.NameOriginal);
            Assert.Equal($"layer_{i + 1:000}", group.NameGisAssetGroup);
            Assert.Equal(groupName, group.TitleFromUser);
            Assert.Equal((importance, susceptibility, sensitivity, code), (group.Importance, group.Susceptibility, group.Sensitivity, group.SensitivityCode));
        }
    }

    [Theory]
    [MemberData(nameof(SampleData.Names), MemberType = typeof(SampleData))]
    public void Every_feature_becomes_one_valid_polygonal_object(string name)
    {
        var assets = Import(name);

        Assert.Equal(0, assets.SkippedFeatures);
        Assert.Equal(0, assets.BufferedPointsAndLines);
        Assert.Equal(Enumerable.Range(1, assets.Objects.Count).Select(i => (long)i), assets.Objects.Select(o => o.Id));
        Assert.Equal(assets.Objects.Count, assets.Groups.Sum(g => g.TotalAssetObjects));
        Assert.All(assets.Objects, o =>
        {
            Assert.True(o.Geometry.IsValid);
            Assert.Equal(2, (int)o.Geometry.Dimension);
            Assert.True(o.Process);
            var group = assets.Groups.Single(g => g.Id == o.RefAssetGroup);
            Assert.Equal(group.NameOriginal, o.AssetGroupName);
            Assert.True(assets.GroupEnvelopes[group.Id].Contains(o.Geometry.EnvelopeInternal));
        });
    }

    [Fact]
    public void Coastal_zone_figures_and_attribute_text()
    {
        var assets = Import("coastal_zone");

        var coral = assets.Groups[0];
        Assert.Equal(("Coral reef", 5, 5, 25, "A", "Very high"), (coral.NameOriginal, coral.Importance, coral.Susceptibility, coral.Sensitivity, coral.SensitivityCode, coral.SensitivityDescription));
        Assert.Equal([8, 8, 8, 8, 10, 4, 9, 4], assets.Groups.Select(g => g.TotalAssetObjects ?? -1));
        Assert.Equal("""{"class":"Coral reef"}""", assets.Objects[0].Attributes);
        Assert.InRange(assets.Extent.MinX, 39.17, 39.18);
        Assert.InRange(assets.Extent.MaxY, -6.10, -6.09);
    }

    private static ImportedAssets Import(string name)
    {
        var folder = SampleData.Folder(name);
        return AssetImporter.Import(Path.Combine(folder, name + ".gpkg"), Path.Combine(folder, "settings.xlsx"));
    }
}
