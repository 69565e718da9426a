namespace Mesa.Identity;

/// <summary>A key, certificate or profile is missing, malformed, not trusted or tampered with; the message says which.</summary>
public sealed class IdentityException(string message) : Exception(message);
