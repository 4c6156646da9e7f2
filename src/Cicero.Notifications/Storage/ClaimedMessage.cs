using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>A message leased to a dispatcher.</summary>
/// <param name="Message">The message.</param>
/// <param name="WasInFlight"><see langword="true"/> when an earlier lease on it expired: a send may have happened without its outcome being recorded.</param>
public sealed record ClaimedMessage(Message Message, bool WasInFlight);
