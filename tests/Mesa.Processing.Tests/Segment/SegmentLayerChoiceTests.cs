using Mesa.Processing.Segment;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Segment;

/// <summary>MESA's segment stage: segment_geocode_layer, else basic_mosaic, else the first layer in Python's sorted order.</summary>
public sealed class SegmentLayerChoiceTests
{
    private static string Choose(string config, params string[] layers) =>
        SegmentLayerChoice.Choose(MesaConfig.Parse(config), [.. layers.Order(StringComparer.Ordinal)]);

    [Fact]
    public void The_basic_mosaic_is_segmented_when_present() =>
        Assert.Equal("basic_mosaic", Choose("", "H3_R8", "basic_mosaic", "QDGC_L6"));

    [Fact]
    public void Without_a_basic_mosaic_the_first_layer_by_code_point_is_segmented() =>
        // Python sorts upper case before lower case.
        Assert.Equal("QDGC_L6", Choose("", "geocode_001", "QDGC_L6", "basic_mosaic_v2"));

    [Fact]
    public void basic_group_name_does_not_rename_the_layer_segmentation_looks_for() =>
        Assert.Equal("H3_R8", Choose("[DEFAULT]\nbasic_group_name = mosaic\n", "mosaic", "H3_R8"));

    [Theory]
    [InlineData("h3_r8", "H3_R8")]
    [InlineData(" H3_R8 ;first choice", "H3_R8")]
    [InlineData("qdgc_l6#comment", "QDGC_L6")]
    [InlineData("nowhere", "nowhere")]
    public void The_configured_layer_matches_in_any_case(string value, string expected) =>
        Assert.Equal(expected, Choose($"[DEFAULT]\nsegment_geocode_layer = {value}\n", "basic_mosaic", "H3_R8", "QDGC_L6"));
}
