using Mesa.Server.Configuration;
using Mesa.Server.Tests.Support;

namespace Mesa.Server.Tests.Admin;

/// <summary>Each test in a PostgreSQL schema of its own, dropped afterwards.</summary>
public sealed class PostgresAdminStoreTests : AdminStoreContract
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
