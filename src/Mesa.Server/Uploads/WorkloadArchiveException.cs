namespace Mesa.Server.Uploads;

/// <summary>The uploaded archive is refused before anything is unpacked or read; the message names the entry and the problem.</summary>
public sealed class WorkloadArchiveException(string message) : Exception(message);
