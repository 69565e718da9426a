namespace Mesa.Gpu;

/// <summary>No accelerator of the chosen kind can be opened; the message says why in one line.</summary>
public sealed class GpuUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
