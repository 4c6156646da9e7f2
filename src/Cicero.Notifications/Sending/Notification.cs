using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>"Notify borrower B of type T with data D": what a host hands to <see cref="INotifier.NotifyAsync"/>.</summary>
/// <param name="BorrowerId">The borrower.</param>
/// <param name="Type">The notification type; it must be set up in <see cref="CiceroNotificationsOptions.Types"/>.</param>
public sealed record Notification(BorrowerId BorrowerId, NotificationType Type)
{
    /// <summary>
    /// Gets the template data: strings, numbers, booleans, dates, and lists and dictionaries of those, by variable name
    /// (for example <c>["title"] = "Kongens Fald"</c>). Never domain objects. Kept with the message until anonymization.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Data { get; init; } = EmptyData;

    /// <summary>Gets the culture to render in; <see langword="null"/> for the borrower's preferred language, else the library's default.</summary>
    public string? Culture { get; init; }

    /// <summary>
    /// Gets the host's idempotency key: notifying twice with the same key creates the messages once and returns them both
    /// times. For example <c>"reservation-4711-ready"</c>. No personal data.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>
    /// Gets the code of the branch the notification concerns (the pickup or home library), one of
    /// <see cref="CiceroNotificationsOptions.Branches"/>; <see langword="null"/> for none. Every message of the notification
    /// keeps it.
    /// </summary>
    public string? Branch { get; init; }

    /// <summary>Gets the earliest time to send; <see langword="null"/> for at once.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    private static readonly IReadOnlyDictionary<string, object?> EmptyData = new Dictionary<string, object?>();
}
