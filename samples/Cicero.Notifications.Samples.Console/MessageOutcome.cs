using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Console;

/// <summary>What became of one message of the story.</summary>
internal sealed record MessageOutcome(NotificationType Type, Protocol Protocol, MessageStatus Status, bool IsAnonymized);
