using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>A page of messages.</summary>
/// <param name="Items">The messages.</param>
/// <param name="Continuation">Pass it in the next <see cref="PageRequest"/> for the next page; <see langword="null"/> on the last page.</param>
public sealed record MessagePage(IReadOnlyList<Message> Items, string? Continuation);
