using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Console;

/// <summary>One message in the staff message queue (Beskedkø), as the story saw it.</summary>
internal sealed record QueueEntry(BorrowerId BorrowerId, NotificationType Type, Protocol Protocol, string? FailureReason);
