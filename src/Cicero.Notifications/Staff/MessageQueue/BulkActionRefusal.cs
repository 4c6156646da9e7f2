using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>A message a bulk action left unchanged because the action does not fit it.</summary>
/// <param name="MessageId">The message.</param>
/// <param name="Refusal">Why, as <see cref="MessageActionException.Refusal"/> says for the single action.</param>
/// <param name="Reason">The refusal in words, as the single action's exception message.</param>
public sealed record BulkActionRefusal(MessageId MessageId, MessageActionRefusal Refusal, string Reason);
