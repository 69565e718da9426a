namespace Mesa.Server.Configuration;

/// <summary>Where the server keeps its state (section <c>Mesa:State</c>).</summary>
public sealed class StateOptions
{
    /// <summary><c>sqlite</c> (default: one node, a file in the data folder) or <c>postgres</c> (production, any number of nodes).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Npgsql connection string for <c>postgres</c>; for <c>sqlite</c> an optional file path (default <c>state.db</c> in the data folder).</summary>
    public string? ConnectionString { get; set; }
}
