namespace Mesa.Processing.Workload;

/// <summary>A row of tbl_settings: overrides the same key of config.ini [DEFAULT].</summary>
public sealed record Setting(string Key, string Value);
