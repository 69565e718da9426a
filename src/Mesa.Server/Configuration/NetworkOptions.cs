namespace Mesa.Server.Configuration;

/// <summary>Where requests come from when the server sits behind a reverse proxy.</summary>
public sealed class NetworkOptions
{
    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>) of reverse proxies whose
    /// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are believed. Empty: the headers are ignored and the
    /// connection's address is the client (loopback is not trusted by default either).
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
