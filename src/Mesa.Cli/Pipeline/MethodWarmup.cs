using System.Reflection;
using System.Runtime.CompilerServices;

namespace Mesa.Cli.Pipeline;

/// <summary>
/// Compiles an assembly's methods on a background thread. A command runs each method once compiled (tiered compilation
/// is off), and compiles it on first call on the thread that calls it; while one thread parses the command and reads
/// the input, another core can compile the code that comes next, which then runs at once.
/// </summary>
internal static class MethodWarmup
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <returns>The compilation, which nothing needs to wait for: a method it has not reached yet is compiled by its first caller.</returns>
    public static Task Start(Assembly assembly) => Task.Run(() =>
    {
        foreach (var type in assembly.GetTypes())
        {
            // Generic code is compiled per instantiation, which only its callers know.
            if (type.ContainsGenericParameters) continue;
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (method.IsAbstract || method.ContainsGenericParameters || method.GetMethodBody() is null) continue;
                RuntimeHelpers.PrepareMethod(method.MethodHandle);
            }
        }
    });
}
