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
/// <param name="Deferred">
/// Messages due inside their protocol's quiet hours (<see cref="CiceroNotificationsOptions.QuietHours"/>): they wait, without
/// spending an attempt, until the quiet hours end.
/// </param>
public sealed record DispatchResult(int Claimed, int Delivered, int Retrying, int Failed, int Paused, int Deferred = 0);
