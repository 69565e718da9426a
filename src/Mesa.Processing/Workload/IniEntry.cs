namespace Mesa.Processing.Workload;

/// <summary>One raw (not yet interpolated) INI value and where it came from, for error messages.</summary>
internal sealed record IniEntry(string Value, string Origin);
