using System.Text;
using Mesa.Processing.Workload;

namespace Mesa.Processing.Tests.Workload;

public sealed class MesaConfigTests
{
    [Fact]
    public void Defaults_are_the_contracts_bands_valid_values_and_settings()
    {
        var config = MesaConfig.Defaults;
        Assert.Equal(
            [
                new SensitivityBand("A", 21, 25, "Very high", "#bd0026"),
                new SensitivityBand("B", 16, 20, "High", "#f03b20"),
                new SensitivityBand("C", 11, 15, "Moderate", "#fd8d3c"),
                new SensitivityBand("D", 6, 10, "Low", "#fecc5c"),
                new SensitivityBand("E", 1, 5, "Very low", "#ffffb2"),
            ],
            config.Bands);
        Assert.Equal([1, 2, 3, 4, 5], config.ValidInput);
        Assert.Equal(6, config.GetDefaultInt32("tiles_minzoom"));
        Assert.Equal(12, config.GetDefaultInt32("tiles_maxzoom"));
        Assert.Equal(1.0, config.GetDefaultDouble("flatten_sliver_min_area_m2"));
        Assert.Equal("basic_mosaic", config.GetDefault("basic_group_name"));
        Assert.Null(config.GetDefault("segment_geocode_layer"));
    }

    [Theory]
    [InlineData("category_colour = #123456", "#123456")]
    [InlineData("category_colour=#123456", "#123456")]
    [InlineData("category_colour:#123456", "#123456")]
    [InlineData("category_colour = #123456 ; the darkest red", "#123456")]
    [InlineData("category_colour = #123456 # the darkest red", "#123456")]
    [InlineData("category_colour = #123456;no space so not a comment", "#123456;no space so not a comment")]
    public void A_colour_value_is_not_a_comment(string line, string expected)
    {
        var config = MesaConfig.Parse($"[A]\n{line}\n");
        Assert.Equal(expected, config.FindBand("A")!.Colour);
    }

    [Theory]
    [InlineData("description = High # note", "High")]
    [InlineData("description = High\t; note", "High")]
    [InlineData("description = a;b#c", "a;b#c")]
    [InlineData("description = Very: high = yes", "Very: high = yes")]
    [InlineData("description: x = y", "x = y")]
    [InlineData("description =", "")]
    [InlineData("description = ", "")]
    public void Values_follow_configparser(string line, string expected)
    {
        var config = MesaConfig.Parse($"[B]\n{line}\n");
        Assert.Equal(expected, config.FindBand("B")!.Description);
    }

    [Fact]
    public void Comments_blank_lines_bom_crlf_and_key_case_are_handled()
    {
        const string text = "\uFEFF# MESA configuration\r\n; another comment\r\n\r\n[DEFAULT]\r\n   # indented comment\r\nTILES_MinZoom = 7\r\n\r\n[C]\r\nRange = 10-14\r\n";
        var config = MesaConfig.Parse(text);
        Assert.Equal(7, config.GetDefaultInt32("tiles_minzoom"));
        Assert.Equal("7", config.GetDefault("TILES_MINZOOM"));
        Assert.Equal((10, 14), (config.FindBand("c")!.Min, config.FindBand("C")!.Max));
    }

    [Fact]
    public void Section_names_are_case_sensitive()
    {
        var config = MesaConfig.Parse("[a]\nrange = 1-2\n");
        Assert.Equal(21, config.FindBand("A")!.Min);
        Assert.Equal("1-2", config.Get("a", "range"));
    }

    [Fact]
    public void An_indented_line_continues_the_value_and_blank_lines_inside_are_kept()
    {
        var config = MesaConfig.Parse("[D]\ndescription = Low,\n   but not nothing\n\n   really\n\nrange = 6-10\n");
        Assert.Equal("Low,\nbut not nothing\n\nreally", config.FindBand("D")!.Description);
        Assert.Equal(6, config.FindBand("D")!.Min);
    }

    [Fact]
    public void Repeated_keys_keep_the_last_value_and_repeated_sections_merge()
    {
        var config = MesaConfig.Parse("[E]\nrange = 1-4\ndescription = first\n[A]\nrange = 22-25\n[E]\ndescription = second\n");
        Assert.Equal(new SensitivityBand("E", 1, 4, "second", "#ffffb2"), config.FindBand("E"));
        Assert.Equal(22, config.FindBand("A")!.Min);
    }

    [Fact]
    public void Sections_inherit_DEFAULT_and_fall_back_to_built_in_defaults()
    {
        var config = MesaConfig.Parse("[DEFAULT]\ndescription = Inherited\n[A]\nrange = 20-25\n");
        // [A] exists: it inherits [DEFAULT]; its missing colour comes from the built-in defaults.
        Assert.Equal(new SensitivityBand("A", 20, 25, "Inherited", "#bd0026"), config.FindBand("A"));
        // [B] does not exist, so (as in configparser) nothing is inherited into it: built-in defaults.
        Assert.Equal("High", config.FindBand("B")!.Description);
    }

    [Fact]
    public void Percent_references_are_interpolated_like_BasicInterpolation()
    {
        var config = MesaConfig.Parse("[DEFAULT]\nlayer = mosaic\nsegment_geocode_layer = basic_%(LAYER)s\n[A]\ndescription = Top 20%% (%(segment_geocode_layer)s)\n");
        Assert.Equal("basic_mosaic", config.GetDefault("segment_geocode_layer"));
        Assert.Equal("Top 20% (basic_mosaic)", config.FindBand("A")!.Description);
    }

    [Theory]
    [InlineData("description = 80% sure", "'%' must be followed")]
    [InlineData("description = %(nope)s", "'%(nope)s' refers to a key that does not exist")]
    [InlineData("description = %(description)s", "nest deeper than 10")]
    public void A_bad_percent_reference_names_the_line(string line, string expected)
    {
        var error = Assert.Throws<WorkloadException>(() => MesaConfig.Parse($"[A]\n{line}\n"));
        Assert.Contains("config.ini line 2", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Overrides_replace_DEFAULT_keys_and_reach_inheriting_sections()
    {
        var config = MesaConfig.Parse("[DEFAULT]\ntiles_maxzoom = 12\ndescription = from ini\n[A]\nrange = 21-25\n");
        var overridden = config.WithOverrides([("TILES_MAXZOOM", "14"), ("segment_geocode_layer", "H3_R8"), ("description", "from settings")]);
        Assert.Equal(14, overridden.GetDefaultInt32("tiles_maxzoom"));
        Assert.Equal("H3_R8", overridden.GetDefault("segment_geocode_layer"));
        Assert.Equal("from settings", overridden.FindBand("A")!.Description);
        Assert.Equal(12, config.GetDefaultInt32("tiles_maxzoom"));
        Assert.Equal("from ini", config.FindBand("A")!.Description);
    }

    [Fact]
    public void A_malformed_override_names_its_source()
    {
        var config = MesaConfig.Parse("[DEFAULT]\n").WithOverrides([("tiles_minzoom", "six")], "output/geoparquet/tbl_settings.parquet");
        var error = Assert.Throws<WorkloadException>(() => config.GetDefaultInt32("tiles_minzoom"));
        Assert.Equal("output/geoparquet/tbl_settings.parquet: [DEFAULT] tiles_minzoom = 'six' is not a whole number.", error.Message);
    }

    [Fact]
    public void Bands_are_found_by_code_or_by_value()
    {
        var config = MesaConfig.Defaults;
        Assert.Equal("B", config.FindBand(" b ")!.Code);
        Assert.Null(config.FindBand(""));
        Assert.Null(config.FindBand(null));
        Assert.Equal("C", config.BandContaining(12)!.Code);
        Assert.Equal("A", config.BandContaining(25)!.Code);
        Assert.Null(config.BandContaining(0));
    }

    [Theory]
    [InlineData("tiles_minzoom = 6\n[DEFAULT]\n", "config.ini line 1", "outside any [section]")]
    [InlineData("[A]\nrange 21-25\n", "config.ini line 2", "is not 'key = value'")]
    [InlineData("[A]\n= 21-25\n", "config.ini line 2", "has no key")]
    [InlineData("[A]\nrange ; = 21-25\n", "config.ini line 2", "is not 'key = value'")]
    [InlineData("[]\n", "config.ini line 1", "outside any [section]")]
    [InlineData("[DEFAULT]\n\n[A]\nrange = 21-x\n", "config.ini line 4", "[A] range = '21-x'")]
    [InlineData("[B]\nrange = 20-16\n", "config.ini line 2", "[B] range = '20-16'")]
    [InlineData("[C]\nrange = 11\n", "config.ini line 2", "[C] range = '11'")]
    [InlineData("[VALID_VALUES]\nvalid_input = 1,2,x\n", "config.ini line 2", "valid_input = '1,2,x'")]
    public void Malformed_config_names_the_file_and_line(string text, string where, string what)
    {
        var error = Assert.Throws<WorkloadException>(() => MesaConfig.Parse(text));
        Assert.StartsWith(where + ":", error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void A_malformed_number_names_the_key_and_line()
    {
        var config = MesaConfig.Parse("[DEFAULT]\nflatten_sliver_min_area_m2 = one\n");
        var error = Assert.Throws<WorkloadException>(() => config.GetDefaultDouble("flatten_sliver_min_area_m2"));
        Assert.Equal("config.ini line 2: [DEFAULT] flatten_sliver_min_area_m2 = 'one' is not a number.", error.Message);
        Assert.Throws<WorkloadException>(() => config.GetDefaultInt32("no_such_key"));
    }

    [Fact]
    public void Load_refuses_a_missing_or_non_utf8_file()
    {
        var directory = Directory.CreateTempSubdirectory("mesa-config-").FullName;
        try
        {
            var path = Path.Combine(directory, "config.ini");
            Assert.Contains("config.ini is missing", Assert.Throws<WorkloadException>(() => MesaConfig.Load(path)).Message);
            File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("[A]\ndescription = "), 0xE6, 0xFF, (byte)'\n']);
            Assert.StartsWith("config.ini: not UTF-8 text", Assert.Throws<WorkloadException>(() => MesaConfig.Load(path)).Message);
            File.WriteAllText(path, "[A]\ndescription = Svært høy\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.Equal("Svært høy", MesaConfig.Load(path).FindBand("A")!.Description);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
