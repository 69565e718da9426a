using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary>
/// The Spectre consoles the client commands write to. Redirected (a pipe, a file, a test) they write plain text: no
/// ANSI codes, no colour, no animation and no wrapping, whatever a CI variable suggests; on a terminal Spectre decides.
/// </summary>
internal static class ClientConsole
{
    // Wide enough that a redirected table never wraps a job id, a time or a log line.
    private const int RedirectedWidth = 400;

    public static IAnsiConsole Out { get; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    public static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = !redirected },
        });
        if (redirected) console.Profile.Width = RedirectedWidth;
        return console;
    }
}
