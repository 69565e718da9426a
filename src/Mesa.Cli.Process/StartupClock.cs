using System.Diagnostics;

namespace Mesa.Cli;

/// <summary>When <c>Main</c> began, so that <c>process --timings</c> can tell the runtime's start from the command's own time.</summary>
public static class StartupClock
{
    public static long MainEntered { get; private set; }

    /// <summary>Called first thing in <c>Main</c>.</summary>
    public static void Start() => MainEntered = Stopwatch.GetTimestamp();
}
