namespace Cicero.Notifications.Storage;

/// <summary>An entry of the <see cref="DueIndex"/>: a message due at a time, as of one change of the message.</summary>
/// <param name="Ticks">The due time in UTC ticks.</param>
/// <param name="Sequence">The store's sequence number when the item was added: orders items due at the same time, and tells the live item from stale ones.</param>
/// <param name="Slot">Where the in-memory store keeps the message.</param>
internal readonly record struct DueItem(long Ticks, long Sequence, int Slot);
