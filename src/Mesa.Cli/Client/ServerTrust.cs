using Mesa.Server.Security;

namespace Mesa.Cli.Client;

/// <summary>
/// The certificates the client accepts for a server's HTTPS: the system's roots, and the PEM files (a private CA, or
/// the server's self-signed certificate) named in <c>MESA_TRUSTED_CERTIFICATES</c>, separated by ':'.
/// </summary>
internal static class ServerTrust
{
    public const string Variable = "MESA_TRUSTED_CERTIFICATES";

    public static HttpMessageHandler Handler()
    {
        var files = (Environment.GetEnvironmentVariable(Variable) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            return new CertificateTrust(files, Variable).Handler();
        }
        catch (InvalidOperationException e)
        {
            throw new ClientException(e.Message);
        }
    }
}
