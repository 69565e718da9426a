namespace Mesa.Processing.Engines;

/// <summary>
/// The chosen engine cannot run or failed through no fault of the workload: a malformed engine choice
/// or connection string, a database that cannot be reached or that fails. The message says what is
/// wrong in one line and never carries a password.
/// </summary>
public sealed class EngineException(string message, Exception? inner = null) : Exception(message, inner);
