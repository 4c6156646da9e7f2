using System.Globalization;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>
/// Checks the server setup at start-up: every message names the type and the offending value, so a bad
/// <c>appsettings.json</c> fails with <see cref="OptionsValidationException"/> before anything is sent.
/// </summary>
internal sealed class CiceroNotificationsOptionsValidator : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.LibraryName))
        {
            failures.Add("LibraryName is empty: give the library's name.");
        }

        if (!IsCulture(options.DefaultCulture))
        {
            failures.Add($"DefaultCulture '{options.DefaultCulture}' is not a known culture name (for example 'da-DK').");
        }

        if (!LibraryTimeZone.TryFind(options.TimeZone, out _))
        {
            failures.Add($"TimeZone '{options.TimeZone}' is not a time zone known on this machine: use an IANA id such as 'Europe/Copenhagen' (and install the time zone data, tzdata).");
        }

        if (options.EmailVerificationWindow <= TimeSpan.Zero)
        {
            failures.Add($"EmailVerificationWindow must be positive, not {options.EmailVerificationWindow}.");
        }

        ProtocolCatalog? catalog = null;
        try
        {
            catalog = ProtocolCatalog.Create(options.UserDefinedProtocols);
        }
        catch (ArgumentException ex)
        {
            failures.Add(ex.Message.Split(" (Parameter", 2)[0]);
        }

        foreach (var (typeName, type) in options.Types)
        {
            ValidateType(typeName, type, catalog, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateType(string typeName, NotificationTypeOptions type, ProtocolCatalog? catalog, List<string> failures)
    {
        if (!NotificationType.TryParse(typeName, out _))
        {
            failures.Add($"Notification type '{typeName}' has an invalid name: use 1–40 letters, digits, '-' or '_', starting with a letter.");
        }

        if (type.Protocols.Count == 0)
        {
            failures.Add($"Notification type '{typeName}' has no protocols: list at least one (for example \"Protocols\": [\"Sms\", \"Email\"]).");
        }

        var seen = new HashSet<Protocol>();
        foreach (var protocol in type.Protocols)
        {
            if (protocol is null)
            {
                failures.Add($"Notification type '{typeName}' lists an empty protocol.");
                continue;
            }

            if (!seen.Add(protocol))
            {
                failures.Add($"Notification type '{typeName}' lists protocol '{protocol}' more than once.");
            }

            if (catalog is not null && !catalog.Contains(protocol))
            {
                failures.Add($"Notification type '{typeName}' uses unknown protocol '{protocol}': use Sms, Email, DigitalPost or define it in UserDefinedProtocols.");
            }
        }

        if (type.AlternativeProtocol is { } alternative)
        {
            if (seen.Contains(alternative))
            {
                failures.Add($"Notification type '{typeName}' has alternative protocol '{alternative}' that is also one of its protocols.");
            }

            if (catalog is not null && !catalog.Contains(alternative))
            {
                failures.Add($"Notification type '{typeName}' uses unknown alternative protocol '{alternative}': use Sms, Email, DigitalPost or define it in UserDefinedProtocols.");
            }
        }
    }

    private static bool IsCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true) is not null;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
