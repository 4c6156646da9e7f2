namespace Cicero.Notifications.Domain;

/// <summary>One message to create: a protocol and an address.</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Recipient">The address; <see langword="null"/> for a protocol that needs none.</param>
/// <param name="Held">Whether the message waits for the e-mail address to be verified (rule 12).</param>
public sealed record PlannedDelivery(Protocol Protocol, MessageRecipient? Recipient, bool Held);
