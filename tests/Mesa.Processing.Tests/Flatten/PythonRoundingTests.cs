using Mesa.Processing.Flatten;

namespace Mesa.Processing.Tests.Flatten;

public sealed class PythonRoundingTests
{
    // Expected values are what CPython 3 prints for round(value, digits).
    [Theory]
    [InlineData(17.83335, 4, 17.8333)]
    [InlineData(2.675, 2, 2.67)]
    [InlineData(0.125, 2, 0.12)]
    [InlineData(0.375, 2, 0.38)]
    [InlineData(-1.5, 0, -2.0)]
    [InlineData(123456.789, 4, 123456.789)]
    public void Rounds_the_exact_binary_value_half_to_even(double value, int digits, double expected)
    {
        Assert.Equal(expected, PythonRounding.Round(value, digits));
    }
}
