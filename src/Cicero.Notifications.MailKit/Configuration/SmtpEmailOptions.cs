namespace Cicero.Notifications.MailKit;

/// <summary>
/// The SMTP server and sender of the e-mail channel, registered with <c>AddSmtpEmail</c>. Plain settable properties, so
/// they bind from configuration (for example the <c>Cicero:Notifications:Smtp</c> section); validated at start-up.
/// </summary>
public class SmtpEmailOptions
{
    /// <summary>Gets or sets the SMTP server's host name or IP address (not a URL).</summary>
    /// <value>The default value is an empty string, which validation rejects.</value>
    public string Host { get; set; } = "";

    /// <summary>Gets or sets the SMTP server's port.</summary>
    /// <value>The default value is 587 (submission with <c>STARTTLS</c>).</value>
    public int Port { get; set; } = 587;

    /// <summary>Gets or sets how the connection is secured.</summary>
    /// <value>The default value is <see cref="SmtpTlsMode.StartTls"/>.</value>
    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.StartTls;

    /// <summary>Gets or sets the user name to authenticate with; <see langword="null"/> to send without authenticating.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password; required with <see cref="UserName"/>. Never logged. Keep it in a secret store, not in <c>appsettings.json</c>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender's address (the <c>From</c> header and the envelope sender), for example <c>noreply@bibliotek.dk</c>.</summary>
    /// <value>The default value is an empty string, which validation rejects.</value>
    public string SenderAddress { get; set; } = "";

    /// <summary>Gets or sets the sender's display name.</summary>
    /// <value>The default value is <see langword="null"/>: the library's name, <see cref="CiceroNotificationsOptions.LibraryName"/>.</value>
    public string? SenderName { get; set; }

    /// <summary>Gets or sets the address replies go to (the <c>Reply-To</c> header), for example the library's service desk.</summary>
    /// <value>The default value is <see langword="null"/>: replies go to <see cref="SenderAddress"/>.</value>
    public string? ReplyTo { get; set; }

    /// <summary>Gets or sets how long connecting (TCP, TLS, greeting and authentication) may take before the attempt fails transiently.</summary>
    /// <value>The default value is 15 seconds.</value>
    /// <remarks>Network timeouts are measured in real time, not through <see cref="TimeProvider"/>.</remarks>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how long the server may take to answer one SMTP command (including the message data).</summary>
    /// <value>The default value is 60 seconds.</value>
    /// <remarks>Network timeouts are measured in real time, not through <see cref="TimeProvider"/>.</remarks>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets the most connections kept open to the server at once. An SMTP connection sends one message at a time,
    /// so this bounds how many messages are sent in parallel; further sends wait for a free connection.
    /// </summary>
    /// <value>The default value is 4 connections.</value>
    public int PoolSize { get; set; } = 4;

    /// <summary>
    /// Gets or sets how long a pooled connection may sit unused before it is closed instead of reused (servers drop idle
    /// SMTP connections, often after a minute).
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the domain of the <c>Message-Id</c> header: each e-mail gets <c>&lt;{message id}@{domain}&gt;</c>, the same on
    /// every attempt, so a repeated send is recognisable as the same message.
    /// </summary>
    /// <value>The default value is <c>"cicero.notifications"</c>.</value>
    public string MessageIdDomain { get; set; } = "cicero.notifications";
}
