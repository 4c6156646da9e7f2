namespace Cicero.Notifications.Domain;

/// <summary>One message to create: a protocol and an address.</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Recipient">The address; <see langword="null"/> for a protocol that needs none.</param>
/// <param name="Held">Whether the message waits for the e-mail address to be verified.</param>
internal sealed record PlannedDelivery(Protocol Protocol, MessageRecipient? Recipient, bool Held)
{
    /// <summary>Returns the protocol and whether it is held; never the address.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"PlannedDelivery ({Protocol}{(Held ? ", held" : "")})";
}
