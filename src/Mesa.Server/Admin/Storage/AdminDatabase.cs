using Dapper;
using Mesa.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Mesa.Server.Admin.Storage;

/// <summary>The state store with the admin tables in place; every admin store opens connections here.</summary>
public sealed class AdminDatabase
{
    private readonly StateDatabase _state;

    public AdminDatabase(StateDatabase state)
    {
        _state = state;
        using var connection = state.Open();
        foreach (var statement in AdminSchema.Statements) connection.Execute(statement);
    }

    public SqliteConnection Open() => _state.Open();
}
