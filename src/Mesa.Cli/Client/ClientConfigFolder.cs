namespace Mesa.Cli.Client;

/// <summary>Where the client keeps its files: <c>$XDG_CONFIG_HOME/mesa-cloud</c> (~/.config/mesa-cloud; %APPDATA%\mesa-cloud on Windows).</summary>
internal static class ClientConfigFolder
{
    public static string PathOf(string name) =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "mesa-cloud", name);
}
