using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// One print run of letters (<see cref="ILetterRuns"/>): the letters it collected, a self-contained HTML document with one
/// letter per A4 page, and a CSV list of them. Personal data: the document holds names, addresses and message texts.
/// </summary>
/// <param name="Id">The run's id, for <see cref="ILetterRuns.ReprintAsync"/>.</param>
/// <param name="Protocol">The collected protocol.</param>
/// <param name="Branch">The branch the run was made for; <see langword="null"/> for every branch.</param>
/// <param name="CollectedAt">When the run was made: every letter in it became Sent at this time.</param>
/// <param name="MessageIds">The letters, in print order (branch, then borrower).</param>
/// <param name="Html">The document to print: one letter per A4 page.</param>
/// <param name="Csv">The letters as CSV (RFC 4180): message id, borrower (a CPR number masked), type, branch.</param>
public sealed record LetterRun(Guid Id, Protocol Protocol, string? Branch, DateTimeOffset CollectedAt, IReadOnlyList<MessageId> MessageIds, string Html, string Csv)
{
    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"LetterRun {Id} ({Protocol}, {MessageIds.Count} letter(s))";
}
