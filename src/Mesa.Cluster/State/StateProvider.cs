namespace Mesa.Cluster.State;

/// <summary>Where state lives: an embedded SQLite file (one node) or a PostgreSQL database (any number of nodes).</summary>
public enum StateProvider
{
    Sqlite,
    Postgres,
}

public static class StateProviders
{
    /// <summary>Parses a configured provider name; anything else is a configuration error naming the accepted values.</summary>
    public static StateProvider Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StateProvider.Sqlite,
        "postgres" or "postgresql" => StateProvider.Postgres,
        _ => throw new ArgumentException($"Unknown state provider '{name}': use 'sqlite' or 'postgres'."),
    };
}
