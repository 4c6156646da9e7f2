namespace Cicero.Notifications;

/// <summary>A page of <see cref="MessageRow"/>s.</summary>
/// <param name="Items">The rows.</param>
/// <param name="Continuation">Pass it in the next <see cref="PageRequest"/> for the next page; <see langword="null"/> on the last page.</param>
public sealed record MessageRowPage(IReadOnlyList<MessageRow> Items, string? Continuation);
