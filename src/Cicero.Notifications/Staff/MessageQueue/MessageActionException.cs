using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// A staff action on a message was refused and changed nothing: the message does not exist, the action does not fit its
/// state, or the borrower cannot be reached on the wanted protocol. <see cref="Refusal"/> says which.
/// </summary>
/// <remarks>The message names the message id, the action and the reason; never an address, a CPR number or content.</remarks>
public class MessageActionException : CiceroNotificationsException
{
    /// <summary>Initializes a new instance of the <see cref="MessageActionException"/> class for a refused action.</summary>
    /// <param name="messageId">The message acted on.</param>
    /// <param name="action">The action.</param>
    /// <param name="refusal">Why it was refused.</param>
    /// <param name="message">The message: what was refused and why, without personal data.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MessageActionException(MessageId messageId, MessageActions action, MessageActionRefusal refusal, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        MessageId = messageId;
        Action = action;
        Refusal = refusal;
    }

    /// <summary>Gets the id of the message acted on.</summary>
    public MessageId MessageId { get; }

    /// <summary>Gets the action that was refused.</summary>
    public MessageActions Action { get; }

    /// <summary>Gets why the action was refused.</summary>
    public MessageActionRefusal Refusal { get; }
}
