namespace Mesa.Processing.Synthetic;

/// <summary>Draws beyond the uniform ones <see cref="Random"/> offers.</summary>
internal static class RandomDraws
{
    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double Gaussian(this Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
