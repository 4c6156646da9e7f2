using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Verification;
using Cicero.Notifications.Sending;

namespace Cicero.Notifications.Staff;

/// <summary>
/// What staff see of a message: display names of types (built-in, then the host's <see cref="NotificationTypeOptions"/>),
/// protocols (the catalog), statuses and failure kinds, the actions that fit, and the row built from them.
/// </summary>
internal sealed class StaffView(ServerSetup setup)
{
    private readonly CultureInfo _defaultCulture = CultureInfo.GetCultureInfo(setup.Options.DefaultCulture);

    /// <summary>Returns the actions that fit the message's state now.</summary>
    public static MessageActions ActionsFor(Message message)
    {
        if (message.IsAnonymized || message.IsCancelled || VerificationMessagePolicy.AppliesTo(message))
        {
            return MessageActions.None;
        }

        var resendable = message.Content is null ? MessageActions.None : MessageActions.Retry | MessageActions.Reroute;
        return message.Status switch
        {
            MessageStatus.Failed => resendable | MessageActions.MarkHandled | (message.IsDismissed ? MessageActions.None : MessageActions.Dismiss),
            MessageStatus.MissingContactInfo => resendable | MessageActions.MarkHandled,
            _ => MessageActions.None,
        };
    }

    /// <summary>Gets the display name of a failure kind.</summary>
    public static string FailureName(MessageFailureKind kind, CultureInfo culture) => (kind, DisplayNames.IsEnglish(culture)) switch
    {
        (MessageFailureKind.Transient, false) => "Midlertidig fejl",
        (MessageFailureKind.Transient, true) => "Temporary failure",
        (MessageFailureKind.Rejected, false) => "Afvist",
        (MessageFailureKind.Rejected, true) => "Rejected",
        (MessageFailureKind.RetriesExhausted, false) => "Alle forsøg brugt",
        (MessageFailureKind.RetriesExhausted, true) => "Retries exhausted",
        (MessageFailureKind.TemplateFailed, false) => "Skabelonfejl",
        (MessageFailureKind.TemplateFailed, true) => "Template failed",
        (MessageFailureKind.InDoubt, false) => "Usikkert om den blev sendt",
        (MessageFailureKind.InDoubt, true) => "Delivery in doubt",
        (MessageFailureKind.NoChannel, false) => "Ingen kanal",
        (MessageFailureKind.NoChannel, true) => "No channel",
        (MessageFailureKind.Superseded, false) => "Erstattet af en nyere besked",
        (MessageFailureKind.Superseded, true) => "Replaced by a newer message",
        (MessageFailureKind.Undeliverable, false) => "Kunne ikke leveres",
        (MessageFailureKind.Undeliverable, true) => "Undeliverable",
        (MessageFailureKind.Cancelled, false) => "Annulleret",
        (MessageFailureKind.Cancelled, true) => "Cancelled",
        _ => kind.ToString(),
    };

    /// <summary>Gets a type's display name: built-ins from <see cref="DisplayNames"/>, host-defined ones from their setup, else the name.</summary>
    public string TypeName(NotificationType type, CultureInfo culture)
    {
        if (NotificationType.BuiltIn.Contains(type))
        {
            return DisplayNames.Of(type, culture);
        }

        var typeSetup = setup.Find(type);
        var name = DisplayNames.IsEnglish(culture) ? typeSetup?.DisplayNameEn : typeSetup?.DisplayNameDa;
        return string.IsNullOrWhiteSpace(name) ? type.Name : name;
    }

    /// <summary>Gets a protocol's display name from the catalog (its name when the protocol is no longer set up).</summary>
    public string ProtocolName(Protocol protocol, CultureInfo culture) => setup.Catalog.DisplayName(protocol, culture);

    /// <summary>Gets a branch's display name: from its setup in the culture's language, else its code.</summary>
    public string BranchName(string code, CultureInfo culture)
    {
        var branch = setup.Options.Branches.TryGetValue(code, out var found) ? found : null; // The options' dictionary ignores case.
        var name = DisplayNames.IsEnglish(culture) ? branch?.DisplayNameEn : branch?.DisplayNameDa;
        return string.IsNullOrWhiteSpace(name) ? code : name;
    }

    /// <summary>Gets whether the message is a letter of a collected protocol waiting for the next print run.</summary>
    public bool WaitsForLetterRun(Message message) => message is { Status: MessageStatus.Pending, IsHeld: false } && setup.Catalog.IsCollected(message.Protocol);

    /// <summary>Returns the culture to show names in: the given one, else the library's default.</summary>
    public CultureInfo StaffCulture(CultureInfo? culture) => culture ?? _defaultCulture;

    /// <summary>Builds the row staff see.</summary>
    public MessageRow Row(Message message, CultureInfo culture) => new()
    {
        Id = message.Id,
        BorrowerId = message.BorrowerId,
        Type = message.Type,
        TypeName = TypeName(message.Type, culture),
        Protocol = message.Protocol,
        ProtocolName = ProtocolName(message.Protocol, culture),
        Status = message.Status,
        StatusName = DisplayNames.Of(message.Status, culture),
        Recipient = message.Recipient?.Display,
        CreatedAt = message.CreatedAt,
        ChangedAt = message.ChangedAt,
        DeliveredAt = message.DeliveredAt,
        NextAttemptAt = message.NextAttemptAt,
        Version = message.Version,
        Branch = message.Branch,
        BranchName = message.Branch is { } branch ? BranchName(branch, culture) : null,
        DigestItemCount = message.DigestItems.Length,
        AttemptCount = message.AttemptCount,
        FailureKind = message.LastFailure?.Kind,
        FailureName = message.LastFailure is { } failure ? FailureName(failure.Kind, culture) : null,
        FailureReason = message.LastFailure?.Reason,
        IsHandledManually = message.IsHandledManually,
        IsDismissed = message.IsDismissed,
        IsReplacedByFallback = message.IsReplacedByFallback,
        IsAnonymized = message.IsAnonymized,
        IsHeld = message.IsHeld,
        WaitsForLetterRun = WaitsForLetterRun(message),
        AvailableActions = ActionsFor(message),
        History = message.History,
    };
}
