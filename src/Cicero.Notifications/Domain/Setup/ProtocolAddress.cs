namespace Cicero.Notifications.Domain;

/// <summary>Which address a protocol needs from the borrower's profile.</summary>
public enum ProtocolAddress
{
    /// <summary>No address: the protocol only needs to be switched on (for example <c>Print</c>, where the library system knows the postal address).</summary>
    None = 0,

    /// <summary>A Notification phone number that can receive SMS.</summary>
    Phone = 1,

    /// <summary>A verified Notification e-mail address.</summary>
    Email = 2,

    /// <summary>A CPR or CVR number.</summary>
    CprOrCvr = 3,
}
