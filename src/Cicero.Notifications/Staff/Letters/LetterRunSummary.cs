using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>A print run in the list of recent runs (<see cref="ILetterRuns.ListAsync"/>): enough to find it and print it again. No personal data.</summary>
/// <param name="Id">The run's id, for <see cref="ILetterRuns.ReprintAsync"/>.</param>
/// <param name="Protocol">The collected protocol.</param>
/// <param name="ProtocolName">The protocol's display name in the requested culture.</param>
/// <param name="Branch">The branch the run was made for; <see langword="null"/> for every branch.</param>
/// <param name="BranchName">The branch's display name in the requested culture; <see langword="null"/> for every branch.</param>
/// <param name="CollectedAt">When the run was made.</param>
/// <param name="LetterCount">How many letters the run printed.</param>
public sealed record LetterRunSummary(Guid Id, Protocol Protocol, string ProtocolName, string? Branch, string? BranchName, DateTimeOffset CollectedAt, int LetterCount);
