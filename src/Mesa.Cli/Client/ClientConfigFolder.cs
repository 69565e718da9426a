namespace Mesa.Cli.Client;

/// <summary>Where the client keeps its files: <c>$XDG_CONFIG_HOME/mesa-cloud</c> (~/.config/mesa-cloud; %APPDATA%\mesa-cloud on Windows).</summary>
internal static class ClientConfigFolder
{
    // DoNotVerify: by default a config folder that does not exist yet comes back as "", which would put the files in the working directory.
    public static string PathOf(string name) =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "mesa-cloud", name);
}
