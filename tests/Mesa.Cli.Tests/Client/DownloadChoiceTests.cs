using System.Text.Json;
using Mesa.Cli.Client;

namespace Mesa.Cli.Tests.Client;

/// <summary><c>mesa-cloud download</c> unpacks the outputs, never the MESA backup package.</summary>
public sealed class DownloadChoiceTests
{
    [Fact]
    public void Outputs_only_is_chosen_over_the_backup_package()
    {
        var downloads = Downloads("package.zip", "outputs-only.zip");
        Assert.Equal("outputs-only.zip", DownloadCommand.Unpackable(downloads).GetProperty("name").GetString());
    }

    [Fact]
    public void A_package_alone_is_refused_with_a_sentence()
    {
        var refused = Assert.Throws<ClientException>(() => DownloadCommand.Unpackable(Downloads("package.zip")));
        Assert.Equal("the server offers no outputs-only.zip for this job.", refused.Message);
    }

    private static JsonElement Downloads(params string[] names) =>
        JsonSerializer.SerializeToElement(names.Select(name => new { name, url = $"/downloads/{name}", bytes = 1024 }));
}
