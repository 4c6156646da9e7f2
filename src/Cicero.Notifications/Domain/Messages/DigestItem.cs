namespace Cicero.Notifications.Domain;

/// <summary>
/// One notification gathered into a digest message (<see cref="Message.DigestItems"/>): the messages of a digest carry
/// the template data of each item, in this order, as the <c>items</c> list.
/// </summary>
/// <param name="IdempotencyKey">The notification's idempotency key, if it had one; cancelling it removes the item.</param>
/// <param name="AddedAt">When the notification arrived.</param>
public sealed record DigestItem(string? IdempotencyKey, DateTimeOffset AddedAt);
