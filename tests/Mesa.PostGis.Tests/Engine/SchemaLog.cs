using Microsoft.Extensions.Logging;

namespace Mesa.PostGis.Tests.Engine;

/// <summary>A logger that keeps the <c>Schema</c> the PostGIS engine says it works in, so a test can look for it afterwards.</summary>
internal sealed class SchemaLog : ILogger
{
    private readonly List<string> _schemas = [];

    public IReadOnlyList<string> Schemas
    {
        get
        {
            lock (_schemas) return [.. _schemas];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> properties) return;
        foreach (var (name, value) in properties)
            if (name == "Schema" && value is string schema) lock (_schemas) _schemas.Add(schema);
    }
}
