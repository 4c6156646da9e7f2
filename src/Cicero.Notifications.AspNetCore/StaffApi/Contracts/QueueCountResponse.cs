namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>How many messages the message queue holds.</summary>
/// <param name="Count">The number of Failed messages not dismissed.</param>
internal sealed record QueueCountResponse(long Count);
