using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>A message leased to a dispatcher.</summary>
/// <param name="Message">The message.</param>
/// <param name="WasInFlight">
/// <see langword="true"/> when an earlier claim began sending it and its lease expired before the outcome was recorded: the
/// send may have happened.
/// </param>
public sealed record ClaimedMessage(Message Message, bool WasInFlight);
