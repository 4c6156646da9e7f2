namespace Cicero.Notifications.Domain;

/// <summary>Whether a notification falls back to another protocol.</summary>
internal enum FallbackOutcome
{
    /// <summary>No fallback: the type has none, a message of the notification is not (yet) failed for good, or one already took over.</summary>
    None,

    /// <summary>Every message failed but no protocol of the list is left that the borrower can receive: the messages stay in the queue.</summary>
    Exhausted,

    /// <summary>Create a fallback message on <see cref="FallbackDecision.Protocol"/>.</summary>
    Create,
}
