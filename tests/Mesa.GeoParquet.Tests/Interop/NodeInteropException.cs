namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>A tools/interop script could not run or failed; the message carries its stderr.</summary>
public sealed class NodeInteropException(string message, Exception? inner = null) : Exception(message, inner);
