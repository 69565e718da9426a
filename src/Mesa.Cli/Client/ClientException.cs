namespace Mesa.Cli.Client;

/// <summary>A client command cannot go on; the message is printed as the one error line.</summary>
internal sealed class ClientException(string message) : Exception(message);
