namespace Mesa.Cluster.State;

/// <summary>One versioned schema step: <c>sql/&lt;provider&gt;/NNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql);
