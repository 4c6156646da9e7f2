using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>One message of a cancelled notification and what the cancellation did to it.</summary>
/// <param name="Message">The message as it is now.</param>
/// <param name="Outcome">What the cancellation did.</param>
public sealed record MessageCancellation(Message Message, CancelOutcome Outcome);
