namespace Mesa.Server.Tests.Support;

/// <summary>Waits for something the server does in the background (sweeps, callbacks after a response).</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{what} did not happen within 10 s");
    }
}
