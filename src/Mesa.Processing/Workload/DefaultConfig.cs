namespace Mesa.Processing.Workload;

/// <summary>
/// MESA's config.ini defaults as the processing contract lists them. <see cref="MesaConfig"/>
/// falls back to these for every band or [DEFAULT] key a workload's config.ini lacks, and test
/// workloads are written with this text.
/// </summary>
public static class DefaultConfig
{
    public const string Text = """
        ; MESA defaults (docs/mesa-processing.md); a workload's config.ini overrides any of them.
        [DEFAULT]
        tiles_minzoom = 6
        tiles_maxzoom = 12
        flatten_sliver_min_area_m2 = 1.0
        basic_group_name = basic_mosaic

        [VALID_VALUES]
        valid_input = 1,2,3,4,5

        [A]
        range = 21-25
        description = Very high
        category_colour = #bd0026

        [B]
        range = 16-20
        description = High
        category_colour = #f03b20

        [C]
        range = 11-15
        description = Moderate
        category_colour = #fd8d3c

        [D]
        range = 6-10
        description = Low
        category_colour = #fecc5c

        [E]
        range = 1-5
        description = Very low
        category_colour = #ffffb2
        """;
}
