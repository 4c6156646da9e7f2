namespace Cicero.Notifications.Domain;

/// <summary>The last failure of a message.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Reason">The reason in words, for staff; never personal data.</param>
public sealed record MessageFailure(MessageFailureKind Kind, string Reason);
