namespace Cicero.Notifications.Domain;

/// <summary>
/// The fallback decision: given every message of one notification, the type's setup and the borrower's current profile,
/// whether a fallback message is created and on which protocol. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// A notification falls back when every one of its messages is Failed and each that is still in the message queue failed
/// for good: refused by the provider, retries exhausted, undeliverable by a delivery receipt, or — only when the type says
/// so — in doubt. Cancelled messages, broken templates, missing channels, and messages staff dismissed or acted on never
/// start a fallback. The fallback protocol is the first of the type's list that no message of the notification used and
/// that the borrower has an address for (opt-ins are not asked: the borrower could not be reached as chosen).
/// </remarks>
internal static class FallbackPlanner
{
    /// <summary>Decides the fallback of one notification.</summary>
    /// <param name="setup">The type's setup.</param>
    /// <param name="notification">Every message of the notification (same <see cref="Message.NotificationId"/>).</param>
    /// <param name="profile">The borrower's current profile; <see langword="null"/> when it is gone (nothing can be reached).</param>
    /// <param name="catalog">The known protocols and their addresses.</param>
    /// <returns>The decision.</returns>
    public static FallbackDecision Decide(NotificationTypeOptions setup, IReadOnlyList<Message> notification, BorrowerProfile? profile, ProtocolCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(catalog);
        if (setup.Fallback.Count == 0 || notification.Count == 0 || notification.Any(m => m.NotificationId is null))
        {
            return FallbackDecision.None;
        }

        var replaced = new List<Message>();
        foreach (var message in notification)
        {
            if (message.IsReplacedByFallback)
            {
                continue;
            }

            if (!message.NeedsStaff || message.IsAnonymized || !FailedForGood(message, setup))
            {
                return FallbackDecision.None; // Pending, sent, cancelled, dismissed, or failed for a reason a fallback cannot mend.
            }

            replaced.Add(message);
        }

        if (replaced.Count == 0)
        {
            return FallbackDecision.None; // A fallback message took over and has not failed.
        }

        foreach (var protocol in setup.Fallback)
        {
            if (notification.Any(m => m.Protocol == protocol) || !catalog.Contains(protocol))
            {
                continue;
            }

            if (profile is not null && DeliveryPlanner.TryFindRecipient(protocol, profile, catalog, out var recipient))
            {
                return new FallbackDecision(FallbackOutcome.Create, replaced, protocol, recipient);
            }
        }

        return new FallbackDecision(FallbackOutcome.Exhausted, replaced, null, null);
    }

    /// <summary>Whether the message's failure counts for a fallback.</summary>
    /// <param name="message">A Failed message.</param>
    /// <param name="setup">The type's setup.</param>
    /// <returns><see langword="true"/> when a fallback may replace it.</returns>
    public static bool FailedForGood(Message message, NotificationTypeOptions setup)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(setup);
        return message.LastFailure?.Kind switch
        {
            MessageFailureKind.Rejected or MessageFailureKind.RetriesExhausted or MessageFailureKind.Undeliverable => true,
            MessageFailureKind.InDoubt => setup.FallbackOnInDoubt,
            _ => false,
        };
    }
}
