using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>A message leased to a dispatcher.</summary>
/// <param name="Message">The message.</param>
/// <param name="WasInFlight"><see langword="true"/> when an earlier lease on it expired: a send may have happened without its outcome being recorded.</param>
public sealed record ClaimedMessage(Message Message, bool WasInFlight)
{
    /// <summary>Gets where the in-memory store keeps the message, so recording its outcome needs no lookup; -1 from other stores.</summary>
    internal int StoreSlot { get; init; } = -1;
}
