namespace Mesa.GeoParquet;

/// <summary>
/// A Parquet file (or part of one) is broken, hostile or uses something this library does not
/// support. The message always says what is wrong and, where known, which file and column.
/// </summary>
public sealed class ParquetFormatException : Exception
{
    public ParquetFormatException(string message) : base(message) { }

    public ParquetFormatException(string message, Exception inner) : base(message, inner) { }
}
