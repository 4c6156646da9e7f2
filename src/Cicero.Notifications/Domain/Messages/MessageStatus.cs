namespace Cicero.Notifications.Domain;

/// <summary>What became of a message. Staff see the Danish names (<see cref="DisplayNames"/>).</summary>
public enum MessageStatus
{
    /// <summary>"Afventer": created, not yet delivered — queued, retrying, or held until an e-mail address is verified.</summary>
    Pending = 0,

    /// <summary>"Sendt": delivered to the channel, or marked handled by staff.</summary>
    Sent = 1,

    /// <summary>"Fejlet": could not be sent; shows in the message queue until staff handle it.</summary>
    Failed = 2,

    /// <summary>"Mangler kontaktoplysninger": the borrower has no usable address and the type has no alternative protocol.</summary>
    MissingContactInfo = 3,
}
