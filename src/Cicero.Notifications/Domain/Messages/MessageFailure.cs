namespace Cicero.Notifications.Domain;

/// <summary>The last failure of a message.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Reason">
/// The reason in words, for staff; empty once the message is anonymized (a channel's reply may hold personal data even
/// though channels are asked to keep it out).
/// </param>
public sealed record MessageFailure(MessageFailureKind Kind, string Reason);
