using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Sending;

/// <summary>A protocol whose circuit is not closed: since when, until when, and the channel's reason (no personal data).</summary>
internal sealed record CircuitSnapshot(Protocol Protocol, CircuitState State, DateTimeOffset OpenedAt, DateTimeOffset OpenUntil, string Reason);
