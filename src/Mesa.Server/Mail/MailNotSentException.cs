namespace Mesa.Server.Mail;

/// <summary>A mail that could not be delivered after the attempts allowed; the inner exception says why.</summary>
public sealed class MailNotSentException(string message, Exception inner) : Exception(message, inner);
