namespace Mesa.Server.Tests.Support;

/// <summary>One server for a class of tests that each leave it as they found it; upload limit 1 MiB (the worked example is a few KiB).</summary>
public sealed class SharedServer : IAsyncLifetime
{
    public const long UploadLimit = 1024 * 1024;

    public ServerHost Host { get; private set; } = null!;
    public MesaApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Mesa:Limits:MaxUploadBytes"] = UploadLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Api = new MesaApi(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>What every hostile test ends with: the server still answers and is ready.</summary>
    public async Task AssertStillHealthyAsync()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Host.Http.GetAsync("/health/ready")).StatusCode);
    }
}
