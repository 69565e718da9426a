using System.Diagnostics;
using Mesa.Processing.Pipeline;

namespace Mesa.Cli.Pipeline;

/// <summary>
/// Shows pipeline progress on stderr: a redrawn bar on a terminal, plain lines (at most one per
/// second per stage, plus each stage's first report) when stderr is a file or pipe.
/// </summary>
public sealed class ProgressDisplay : IProgress<StageProgress>
{
    private const int BarWidth = 30;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string? _stage;

    public void Report(StageProgress value)
    {
        lock (_gate)
        {
            var newStage = value.Stage != _stage;
            if (!newStage && _sinceLast.ElapsedMilliseconds < (_terminal ? 100 : 1000)) return;
            if (newStage && _terminal && _stage is not null) Console.Error.WriteLine();
            _stage = value.Stage;
            _sinceLast.Restart();
            var percent = Math.Clamp(value.Fraction, 0, 1) * 100;
            if (_terminal)
            {
                var filled = (int)(percent / 100 * BarWidth);
                Console.Error.Write($"\r{value.Stage,-10} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {percent,5:F1}% {value.Message}\u001b[K");
            }
            else
            {
                Console.Error.WriteLine($"{value.Stage}: {percent:F1}% {value.Message}");
            }
        }
    }

    /// <summary>Ends the bar's line so later output starts on a fresh one.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_terminal && _stage is not null) Console.Error.WriteLine();
            _stage = null;
        }
    }
}
