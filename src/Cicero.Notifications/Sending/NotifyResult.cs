using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>The result for one notification of <see cref="INotifier.NotifyManyAsync"/>.</summary>
/// <param name="Notification">The notification.</param>
/// <param name="Outcome">Created, a duplicate, or why it was refused.</param>
/// <param name="Messages">The created messages, or for a duplicate those created earlier; empty when refused.</param>
/// <param name="Reason">Why it was refused, without personal data; <see langword="null"/> unless refused.</param>
public sealed record NotifyResult(Notification Notification, NotifyOutcome Outcome, IReadOnlyList<Message> Messages, string? Reason)
{
    /// <summary>Gets whether the notification was refused (nothing stored for it).</summary>
    public bool IsRefused => Outcome is NotifyOutcome.UnknownBorrower or NotifyOutcome.UnknownType or NotifyOutcome.InvalidData;
}
