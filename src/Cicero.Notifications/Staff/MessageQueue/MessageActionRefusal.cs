namespace Cicero.Notifications;

/// <summary>Why a staff action on a message was refused (<see cref="MessageActionException.Refusal"/>).</summary>
public enum MessageActionRefusal
{
    /// <summary>The action does not fit the message's status, for example retrying a Sent message or dismissing a dismissed one.</summary>
    InvalidState = 0,

    /// <summary>There is no message with that id.</summary>
    NotFound = 1,

    /// <summary>The message is anonymized: its content and address are gone.</summary>
    Anonymized = 2,

    /// <summary>E-mail verification messages are not handled by staff: resend the verification from the borrower's profile instead.</summary>
    VerificationMessage = 3,

    /// <summary>The borrower's current profile has no address for the protocol (or there is no profile).</summary>
    NoAddress = 4,

    /// <summary>The protocol is neither built-in nor one of the library's user-defined protocols.</summary>
    UnknownProtocol = 5,

    /// <summary>No channel is registered for the protocol.</summary>
    NoChannel = 6,

    /// <summary>There is no template for the message's type on the protocol.</summary>
    NoTemplate = 7,

    /// <summary>The template could not be rendered from the message's template data.</summary>
    TemplateFailed = 8,

    /// <summary>The message has no content (its template failed when it was created), so there is nothing to send.</summary>
    NoContent = 9,

    /// <summary>Someone else changed the message since it was read (<see cref="MessageConflictException"/>).</summary>
    Conflict = 10,
}
