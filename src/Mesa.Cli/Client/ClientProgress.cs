using System.Globalization;
using Spectre.Console;

namespace Mesa.Cli.Client;

/// <summary>
/// A long client step's progress on stderr, so stdout stays the result: a Spectre progress bar on a terminal; when
/// stderr is redirected, a plain line each time the description changes or the value passes another quarter.
/// </summary>
internal static class ClientProgress
{
    /// <summary>Runs <paramref name="body"/>, which reports (description, value out of <paramref name="total"/>) as it goes.</summary>
    public static Task<T> ShowAsync<T>(string description, double total, Func<Action<string, double>, Task<T>> body)
    {
        var console = ClientConsole.Error;
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi) return body(new PlainLines(total).Report);
        return console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: total);
                var result = await body((text, value) =>
                {
                    task.Description = Markup.Escape(text);
                    task.Value = value;
                });
                task.StopTask();
                return result;
            });
    }

    private sealed class PlainLines(double total)
    {
        private string? _description;
        private int _quarter = -1;

        public void Report(string description, double value)
        {
            var fraction = total > 0 ? Math.Clamp(value / total, 0, 1) : 0;
            var quarter = (int)(fraction * 4);
            if (description == _description && quarter <= _quarter) return;
            _description = description;
            _quarter = quarter;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,3:F0}% {description}"));
        }
    }
}
