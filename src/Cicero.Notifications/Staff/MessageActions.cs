namespace Cicero.Notifications;

/// <summary>The staff actions on a message (<see cref="IMessageQueue"/>); a combination says which ones fit a message now.</summary>
[Flags]
public enum MessageActions
{
    /// <summary>No action fits: the message is Pending or Sent, anonymized, or an e-mail verification message.</summary>
    None = 0,

    /// <summary>Send the message again on its protocol (Failed or MissingContactInfo → Pending).</summary>
    Retry = 1,

    /// <summary>Send the message on another protocol, to the borrower's current address for it (Failed or MissingContactInfo → Pending).</summary>
    Reroute = 2,

    /// <summary>Record that staff handled the message by hand, for example printed and posted it (Failed or MissingContactInfo → Sent).</summary>
    MarkHandled = 4,

    /// <summary>Remove the message from the message queue; it stays Failed (Failed, not dismissed).</summary>
    Dismiss = 8,
}
