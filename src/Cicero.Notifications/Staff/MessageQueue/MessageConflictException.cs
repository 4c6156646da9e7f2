using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// A staff action lost a race: someone else (another staff member, or the dispatcher) changed the message after it was read,
/// so the action changed nothing. Read the message again and decide anew. <see cref="MessageActionException.Refusal"/> is
/// <see cref="MessageActionRefusal.Conflict"/>.
/// </summary>
public sealed class MessageConflictException : MessageActionException
{
    /// <summary>Initializes a new instance of the <see cref="MessageConflictException"/> class for an action that lost a race.</summary>
    /// <param name="messageId">The message acted on.</param>
    /// <param name="action">The action.</param>
    public MessageConflictException(MessageId messageId, MessageActions action)
        : base(messageId, action, MessageActionRefusal.Conflict, $"{action} on message {messageId} was not done: the message was changed by someone else since it was read. Read it again and decide anew.")
    {
    }
}
