using System.Net;
using System.Text.RegularExpressions;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.MailKit;

/// <summary>
/// Checks <see cref="SmtpEmailOptions"/> at start-up; every message names the option and the offending value (never the
/// password), so a bad <c>appsettings.json</c> fails before anything is sent. When the options were bound from configuration
/// the option is named by its configuration path (<c>Cicero:Notifications:Smtp:Host</c>), else as <c>Smtp Host</c>.
/// </summary>
internal sealed partial class SmtpEmailOptionsValidator(IEnumerable<SmtpEmailConfigurationPath> paths) : IValidateOptions<SmtpEmailOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, SmtpEmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        ValidateServer(options, failures);
        ValidateSender(options, failures);
        ValidateLimits(options, failures);

        // Bound from one configuration section: "Smtp Host" becomes "Cicero:Notifications:Smtp:Host".
        var path = paths.Select(p => p.Path).Distinct(StringComparer.Ordinal).ToList() is [var single] ? single : null;
        if (path is not null)
        {
            failures = failures.ConvertAll(f => LeadingOption().Replace(f, m => $"{path}:{m.Groups[1].Value}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsLoopback(string host)
        => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void ValidateServer(SmtpEmailOptions options, List<string> failures)
    {
        var host = options.Host;
        if (string.IsNullOrWhiteSpace(host))
        {
            failures.Add("Smtp Host is empty: give the SMTP server's host name, for example 'smtp.example.dk'.");
        }
        else if (host.Contains("://", StringComparison.Ordinal) || host.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            failures.Add($"Smtp Host '{host}' is not a host name: give the name or IP address only (no scheme, path or spaces) and the port in Port.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Smtp Port {options.Port} is out of range: use 1–65535 (587 for STARTTLS, 465 for TLS on connect).");
        }

        if (!Enum.IsDefined(options.TlsMode))
        {
            failures.Add($"Smtp TlsMode {(int)options.TlsMode} is unknown: use None, StartTls, SslOnConnect or Auto.");
        }

        var hasUser = !string.IsNullOrEmpty(options.UserName);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser != hasPassword)
        {
            failures.Add(hasUser
                ? "Smtp UserName is set but Password is not: give both, or neither to send without authenticating."
                : "Smtp Password is set but UserName is not: give both, or neither to send without authenticating.");
        }

        if (hasUser && options.TlsMode == SmtpTlsMode.None && !string.IsNullOrWhiteSpace(host) && !IsLoopback(host))
        {
            failures.Add($"Smtp TlsMode is None but credentials are set for '{host}': the password would travel in clear text. Use StartTls or SslOnConnect.");
        }
    }

    private static void ValidateSender(SmtpEmailOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.SenderAddress))
        {
            failures.Add("Smtp SenderAddress is empty: give the address messages are sent from, for example 'noreply@bibliotek.dk'.");
        }
        else if (!EmailAddress.TryParse(options.SenderAddress, out _))
        {
            failures.Add($"Smtp SenderAddress '{options.SenderAddress}' is not one valid e-mail address: {Reason(options.SenderAddress)}");
        }

        if (string.IsNullOrWhiteSpace(options.SenderName))
        {
            failures.Add("Smtp SenderName is empty: give the name shown as sender, or leave it unset to use the library's name.");
        }
        else if (options.SenderName.Any(char.IsControl))
        {
            failures.Add("Smtp SenderName contains a control character (such as a line break): give one line of text.");
        }

        if (options.ReplyTo is { } replyTo && !EmailAddress.TryParse(replyTo, out _))
        {
            failures.Add($"Smtp ReplyTo '{replyTo}' is not one valid e-mail address: {Reason(replyTo)}");
        }

        var domain = options.MessageIdDomain;
        if (string.IsNullOrWhiteSpace(domain) || !EmailAddress.TryParse("id@" + domain, out var probe) || !string.Equals(probe.Domain, probe.AsciiValue[3..], StringComparison.Ordinal))
        {
            failures.Add($"Smtp MessageIdDomain '{domain}' is not an ASCII domain name such as 'cicero.notifications' or 'bibliotek.dk'.");
        }
    }

    private static void ValidateLimits(SmtpEmailOptions options, List<string> failures)
    {
        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > MaxTimeout)
        {
            failures.Add($"Smtp ConnectTimeout {options.ConnectTimeout} is out of range: use more than 0 and at most 10 minutes.");
        }

        if (options.CommandTimeout <= TimeSpan.Zero || options.CommandTimeout > MaxTimeout)
        {
            failures.Add($"Smtp CommandTimeout {options.CommandTimeout} is out of range: use more than 0 and at most 10 minutes.");
        }

        if (options.PoolSize is < 1 or > 64)
        {
            failures.Add($"Smtp PoolSize {options.PoolSize} is out of range: use 1–64 connections.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Smtp IdleTimeout {options.IdleTimeout} must be positive.");
        }
    }

    private static string Reason(string value)
    {
        try
        {
            EmailAddress.Parse(value);
            return "it is not accepted.";
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    [GeneratedRegex(@"^Smtp ([A-Z][A-Za-z]*)\b")]
    private static partial Regex LeadingOption();
}
