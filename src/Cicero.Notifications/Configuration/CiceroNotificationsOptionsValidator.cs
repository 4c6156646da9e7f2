using System.Globalization;
using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>
/// Checks the server setup at start-up: every message names the type and the offending value, so a bad
/// <c>appsettings.json</c> fails with <see cref="OptionsValidationException"/> before anything is sent.
/// </summary>
/// <remarks>
/// A message about an option starts with the option's path in <see cref="CiceroNotificationsOptions"/>
/// (<c>Dispatch.BatchSize</c>, <c>UserDefinedProtocols[0].Address</c>): when the options come from configuration,
/// <see cref="CiceroNotificationsOptionsFactory"/> turns it into the configuration path
/// (<c>Cicero:Notifications:Dispatch:BatchSize</c>).
/// </remarks>
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

        ValidateDispatch(options.Dispatch, failures);
        ValidateRetry("Retry", options.Retry, failures);
        ValidateRetry("VerificationRetry", options.VerificationRetry, failures);

        try
        {
            ProtocolCatalog.Create(options.UserDefinedProtocols);
        }
        catch (ArgumentException ex)
        {
            failures.Add(ex.Message.Split(" (Parameter", 2)[0]);
        }

        for (var i = 0; i < options.UserDefinedProtocols.Count; i++)
        {
            if (options.UserDefinedProtocols[i] is { } definition && !Enum.IsDefined(definition.Address))
            {
                failures.Add($"UserDefinedProtocols[{i}].Address {(int)definition.Address} is not a protocol address: use {string.Join(", ", Enum.GetNames<ProtocolAddress>())}.");
            }

            if (options.UserDefinedProtocols[i] is { } collected && !Enum.IsDefined(collected.Delivery))
            {
                failures.Add($"UserDefinedProtocols[{i}].Delivery {(int)collected.Delivery} is not a way of delivery: use {string.Join(", ", Enum.GetNames<ProtocolDelivery>())}.");
            }
        }

        foreach (var code in options.Branches.Keys.Where(code => !BranchCode.IsValid(code)))
        {
            failures.Add($"Branches has an invalid code '{code}': use {BranchCode.Rule}.");
        }

        // A bad definition is reported above; the protocols it names still count as known, so a type using one gets no
        // second error.
        var catalog = ProtocolCatalog.CreateLenient(options.UserDefinedProtocols);
        foreach (var (typeName, type) in options.Types)
        {
            ValidateType(typeName, type, catalog, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateType(string typeName, NotificationTypeOptions type, ProtocolCatalog catalog, List<string> failures)
    {
        if (!NotificationType.TryParse(typeName, out _))
        {
            failures.Add($"Notification type '{typeName}' has an invalid name: use 1–40 letters, digits, '-' or '_', starting with a letter.");
        }

        // A protocol name the binder could not convert is reported from the configuration, naming it: no second error.
        if (type.Protocols.Count == 0 && !type.HasProtocolsTheBinderDropped)
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

            if (!catalog.Contains(protocol))
            {
                failures.Add($"Notification type '{typeName}' uses unknown protocol '{protocol}': {SetupMessages.UseAKnownProtocol(protocol, catalog)}");
            }
        }

        if (type.AlternativeProtocol is { } alternative)
        {
            if (seen.Contains(alternative))
            {
                failures.Add($"Notification type '{typeName}' has alternative protocol '{alternative}' that is also one of its protocols.");
            }

            if (!catalog.Contains(alternative))
            {
                failures.Add($"Notification type '{typeName}' uses unknown alternative protocol '{alternative}': {SetupMessages.UseAKnownProtocol(alternative, catalog)}");
            }
        }

        var fallbacks = new HashSet<Protocol>();
        foreach (var fallback in type.Fallback)
        {
            if (fallback is null)
            {
                failures.Add($"Notification type '{typeName}' lists an empty fallback protocol.");
            }
            else if (!fallbacks.Add(fallback))
            {
                failures.Add($"Notification type '{typeName}' lists fallback protocol '{fallback}' more than once.");
            }
            else if (!catalog.Contains(fallback))
            {
                failures.Add($"Notification type '{typeName}' uses unknown fallback protocol '{fallback}': {SetupMessages.UseAKnownProtocol(fallback, catalog)}");
            }
        }

        if (type.FallbackOnInDoubt && type.Fallback.Count == 0)
        {
            failures.Add($"Notification type '{typeName}' sets FallbackOnInDoubt but has no Fallback protocols: list them (for example \"Fallback\": [\"Email\", \"DigitalPost\"]) or remove the setting.");
        }

        if (type.DigestWindow is { } window)
        {
            if (window <= TimeSpan.Zero || window > NotificationTypeOptions.MaxDigestWindow)
            {
                failures.Add($"Notification type '{typeName}' has DigestWindow {window}: use a time above zero and at most one day (for example \"00:10:00\"), or remove it.");
            }

            if (string.Equals(typeName, NotificationType.EmailVerification.Name, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"Notification type '{typeName}' cannot have a DigestWindow: the verification mail goes out at once, on its own.");
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

    private static void ValidateDispatch(DispatchOptions dispatch, List<string> failures)
    {
        if (dispatch.BatchSize < 1)
        {
            failures.Add($"Dispatch.BatchSize must be at least 1, not {dispatch.BatchSize}.");
        }

        if (dispatch.MaxParallelism is 0 or < -1)
        {
            failures.Add($"Dispatch.MaxParallelism must be at least 1 (or -1 for one per processor), not {dispatch.MaxParallelism}.");
        }

        if (dispatch.LeaseDuration <= TimeSpan.Zero)
        {
            failures.Add($"Dispatch.LeaseDuration must be positive, not {dispatch.LeaseDuration}.");
        }

        if (dispatch.Interval <= TimeSpan.Zero)
        {
            failures.Add($"Dispatch.Interval must be positive, not {dispatch.Interval}.");
        }

        var circuit = dispatch.Circuit;
        if (circuit.FailureThreshold < 0)
        {
            failures.Add($"Dispatch.Circuit.FailureThreshold must be 0 or more, not {circuit.FailureThreshold}.");
        }

        if (circuit.BreakDuration <= TimeSpan.Zero)
        {
            failures.Add($"Dispatch.Circuit.BreakDuration must be positive, not {circuit.BreakDuration}.");
        }
        else if (circuit.MaxBreakDuration < circuit.BreakDuration)
        {
            failures.Add($"Dispatch.Circuit.MaxBreakDuration ({circuit.MaxBreakDuration}) must be at least Dispatch.Circuit.BreakDuration ({circuit.BreakDuration}).");
        }
    }

    private static void ValidateRetry(string name, RetryOptions retry, List<string> failures)
    {
        if (retry.MaxAttempts < 1)
        {
            failures.Add($"{name}.MaxAttempts must be at least 1, not {retry.MaxAttempts}.");
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < retry.BaseDelay)
        {
            failures.Add($"{name} needs 0 <= BaseDelay <= MaxDelay, not BaseDelay {retry.BaseDelay} and MaxDelay {retry.MaxDelay}.");
        }

        if (!(retry.Multiplier >= 1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}.Multiplier must be at least 1, not {retry.Multiplier}."));
        }

        if (!(retry.Jitter is >= 0 and <= 1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}.Jitter must be between 0 and 1, not {retry.Jitter}."));
        }
    }
}
