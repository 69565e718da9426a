namespace Mesa.Cli;

/// <summary>
/// How every command reports a failure: one line on stderr, <c>mesa-cloud COMMAND: message</c>, and exit
/// status 1, so scripts can rely on "exit 0 means the whole output is valid".
/// </summary>
public static class CommandFailure
{
    /// <returns>The exit status, 1.</returns>
    public static int Report(string command, string message)
    {
        Console.Error.WriteLine($"mesa-cloud {command}: {message.ReplaceLineEndings(" ").Trim()}");
        return 1;
    }
}
