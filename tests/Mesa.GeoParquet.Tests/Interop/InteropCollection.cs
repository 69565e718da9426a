namespace Mesa.GeoParquet.Tests.Interop;

/// <summary>
/// Test classes marked <c>[Collection(InteropCollection.Name)]</c> share one
/// <see cref="DuckDbFixtures"/>, so DuckDB writes the fixtures once per run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<DuckDbFixtures>
{
    public const string Name = "Interop";
}
