namespace Cicero.Notifications;

/// <summary>What one <see cref="IMessageDispatcher.DispatchDueAsync"/> run did.</summary>
/// <param name="Claimed">Messages claimed.</param>
/// <param name="Delivered">Messages delivered (now Sent).</param>
/// <param name="Retrying">Messages that failed transiently and wait for another attempt.</param>
/// <param name="Failed">Messages that became Failed (including in doubt).</param>
/// <param name="Paused">
/// Messages that wait, without spending an attempt, because their protocol is paused: their channel reported itself
/// unavailable, or failed too often in a row (see <see cref="DispatchOptions.Circuit"/>).
/// </param>
public sealed record DispatchResult(int Claimed, int Delivered, int Retrying, int Failed, int Paused);
