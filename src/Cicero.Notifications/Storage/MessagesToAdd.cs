using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>The messages of one notification, for <see cref="IMessageStore.AddManyAsync"/>.</summary>
/// <param name="Messages">The new messages (version 1, as <see cref="Message"/> creates them).</param>
/// <param name="IdempotencyKey">The notification's idempotency key, or <see langword="null"/>.</param>
public sealed record MessagesToAdd(IReadOnlyList<Message> Messages, string? IdempotencyKey);
