using System.Runtime.ExceptionServices;

namespace Mesa.GeoParquet.Reading;

/// <summary>Parallel loops whose failure is the one a loop run in order would meet first.</summary>
public static class InOrderParallel
{
    /// <summary>Runs <paramref name="body"/> for 0..<paramref name="count"/>-1 side by side; when some fail, rethrows the lowest index's exception as it is.</summary>
    public static void For(int count, ParallelOptions options, Action<int> body)
    {
        var failures = new Exception?[count];
        Parallel.For(0, count, options, i =>
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } failure) ExceptionDispatchInfo.Throw(failure);
    }
}
