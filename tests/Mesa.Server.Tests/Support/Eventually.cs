namespace Mesa.Server.Tests.Support;

/// <summary>Waits for something the server does in the background (sweeps, callbacks after a response).</summary>
public static class Eventually
{
    /// <param name="seconds">How long to wait: longer where the step depends on a request reaching a busy server.</param>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{what} did not happen within {seconds} s");
    }
}
