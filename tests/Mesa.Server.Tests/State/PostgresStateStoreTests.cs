using Mesa.Server.Configuration;
using Mesa.TestSupport;

namespace Mesa.Server.Tests.State;

/// <summary>The contract on PostgreSQL, each test in a schema of its own that is dropped afterwards.</summary>
public sealed class PostgresStateStoreTests : StateStoreContract
{
    private TestPostgres? _postgres;

    protected override async Task<StateOptions> CreateStoreAsync()
    {
        _postgres = await TestPostgres.CreateAsync();
        return new StateOptions { Provider = "postgres", ConnectionString = _postgres.ConnectionString };
    }

    protected override async Task DropStoreAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
