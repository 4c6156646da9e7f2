using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Storage;

/// <summary>A print run of letters as a store keeps it, so the run can be printed again (<see cref="ILetterRuns.ReprintAsync"/>).</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Protocol">The collected protocol.</param>
/// <param name="Branch">The branch the run was made for; <see langword="null"/> for every branch.</param>
/// <param name="Culture">The culture of the run's document.</param>
/// <param name="CollectedAt">When the run was made.</param>
/// <param name="MessageIds">The letters, in the run's order.</param>
public sealed record LetterRunRecord(Guid Id, Protocol Protocol, string? Branch, string Culture, DateTimeOffset CollectedAt, IReadOnlyList<MessageId> MessageIds);
