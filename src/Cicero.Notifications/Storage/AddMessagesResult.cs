using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>The result of <see cref="IMessageStore.AddAsync"/>.</summary>
/// <param name="Messages">The stored messages.</param>
/// <param name="IsDuplicate"><see langword="true"/> when the idempotency key was used before and these are the earlier messages.</param>
public sealed record AddMessagesResult(IReadOnlyList<Message> Messages, bool IsDuplicate);
