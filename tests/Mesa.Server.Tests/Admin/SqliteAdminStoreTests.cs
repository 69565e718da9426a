using Mesa.Server.Configuration;

namespace Mesa.Server.Tests.Admin;

public sealed class SqliteAdminStoreTests : AdminStoreContract
{
    protected override Task<StateOptions> CreateStoreAsync() => Task.FromResult(new StateOptions());

    protected override Task DropStoreAsync() => Task.CompletedTask;
}
