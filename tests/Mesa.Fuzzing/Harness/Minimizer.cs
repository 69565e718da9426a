namespace Mesa.Fuzzing.Harness;

/// <summary>Shrinks a crashing input by deleting ever smaller chunks while the same exception signature persists (delta debugging).</summary>
public static class Minimizer
{
    private const int MaxAttempts = 5000;

    public static byte[] Minimize(FuzzTarget target, byte[] input, string signature)
    {
        var attempts = 0;
        for (var chunk = Math.Max(1, input.Length / 2); chunk >= 1 && attempts < MaxAttempts; chunk /= 2)
        {
            for (var at = 0; at < input.Length && attempts < MaxAttempts; attempts++)
            {
                var candidate = input[..at].Concat(input[Math.Min(input.Length, at + chunk)..]).ToArray();
                if (Fails(target, candidate, signature)) input = candidate;
                else at += chunk;
            }
            if (chunk == 1) break;
        }
        return input;
    }

    private static bool Fails(FuzzTarget target, byte[] input, string signature)
    {
        try
        {
            target.Run(input);
            return false;
        }
        catch (Exception e) when (!target.IsDocumented(e))
        {
            return FuzzRunner.Signature(e) == signature;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
