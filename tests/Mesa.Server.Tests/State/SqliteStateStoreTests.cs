using Mesa.Server.Configuration;

namespace Mesa.Server.Tests.State;

/// <summary>The contract on the embedded store: the default <c>state.db</c> in the data folder.</summary>
public sealed class SqliteStateStoreTests : StateStoreContract
{
    protected override Task<StateOptions> CreateStoreAsync() => Task.FromResult(new StateOptions());

    protected override Task DropStoreAsync() => Task.CompletedTask;
}
