namespace Cicero.Notifications.MailKit;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpTlsMode
{
    /// <summary>
    /// No TLS: everything, including credentials, travels in clear text. Only for a relay on the same machine or a test
    /// server; validation refuses credentials with this mode unless the host is a loopback address.
    /// </summary>
    None = 0,

    /// <summary>Connect in plain text and upgrade with <c>STARTTLS</c>; fail when the server does not offer it (port 587). The default.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte ("implicit TLS", port 465).</summary>
    SslOnConnect = 2,

    /// <summary>
    /// Let MailKit decide: TLS on connect for port 465, otherwise <c>STARTTLS</c> when the server offers it and plain text
    /// when it does not. Convenient, but a man in the middle can strip the <c>STARTTLS</c> offer: prefer
    /// <see cref="StartTls"/> or <see cref="SslOnConnect"/>.
    /// </summary>
    Auto = 3,
}
