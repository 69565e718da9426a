namespace Mesa.PostGis.Tests.Parity;

/// <summary>A fresh temporary directory, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("mesa-parity-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
