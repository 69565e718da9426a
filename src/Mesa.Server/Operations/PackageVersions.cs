using System.Reflection;
using System.Runtime.InteropServices;

namespace Mesa.Server.Operations;

/// <summary>The .NET runtime and the versions of the packages processing and clustering depend on, as loaded by this process.</summary>
public sealed record PackageVersions(string Runtime, IReadOnlyDictionary<string, string> Packages)
{
    /// <summary>Package name, and the assembly that carries its version.</summary>
    private static readonly (string Package, string Assembly)[] Key =
    [
        ("Mesa.Server", "mesa-server"), ("Microsoft.Orleans", "Orleans.Core"), ("Npgsql", "Npgsql"), ("NetTopologySuite", "NetTopologySuite"),
        ("Microsoft.Data.Sqlite", "Microsoft.Data.Sqlite"), ("Dapper", "Dapper"), ("SharpCompress", "SharpCompress"), ("Serilog", "Serilog"),
    ];

    public static PackageVersions Collect()
    {
        var packages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (package, assembly) in Key)
            if (Version(assembly) is { } version) packages[package] = version;
        return new PackageVersions(RuntimeInformation.FrameworkDescription, packages);
    }

    /// <summary>The informational version (the package version) of the assembly, loading it if no code has used it yet; null when not shipped.</summary>
    private static string? Version(string assemblyName)
    {
        try
        {
            var assembly = Assembly.Load(new AssemblyName(assemblyName));
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString();
            // Source-link builds append "+<commit>".
            return version?.Split('+')[0];
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
