namespace Mesa.Processing.Import;

/// <summary>
/// An input package (GeoPackage or settings workbook) cannot be imported. The message names the file and,
/// where known, the layer, in words for the user.
/// </summary>
public sealed class ImportException : Exception
{
    public ImportException(string message) : base(message) { }

    public ImportException(string message, Exception inner) : base(message, inner) { }
}
