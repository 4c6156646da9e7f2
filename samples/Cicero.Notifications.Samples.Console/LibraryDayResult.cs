using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Console;

/// <summary>The key outcomes of one run of the story, for its test (the README's main command must not lie).</summary>
/// <param name="Run">Which run on this database: 1 after <c>--reset</c>, then 2, 3 …</param>
/// <param name="DatabasePath">The SQLite file.</param>
/// <param name="MessagesByBorrower">Each borrower's messages at the end (key: first name, e.g. "Karen"), oldest first.</param>
/// <param name="QueueBefore">The message queue before the staff action.</param>
/// <param name="QueueAfter">The message queue after it.</param>
/// <param name="Verification">What the verification page was told when Mads opened his link.</param>
/// <param name="HeldMessageAfterVerification">Mads's held welcome e-mail after the dispatch that followed verification.</param>
/// <param name="ExpiryNight">The nightly jobs on the night Peter's unverified address expired.</param>
/// <param name="AnonymizationNight">The nightly jobs a month later.</param>
/// <param name="PrintedHtmlPath">The printed message (HTML).</param>
internal sealed record LibraryDayResult(
    int Run,
    string DatabasePath,
    IReadOnlyDictionary<string, IReadOnlyList<MessageOutcome>> MessagesByBorrower,
    IReadOnlyList<QueueEntry> QueueBefore,
    IReadOnlyList<QueueEntry> QueueAfter,
    VerificationResult Verification,
    MessageOutcome HeldMessageAfterVerification,
    NightlyRunResult ExpiryNight,
    NightlyRunResult AnonymizationNight,
    string PrintedHtmlPath)
{
    /// <summary>Gets when Karen's evening SMS was due after the quiet hours deferred it (08:00 the next morning), or null.</summary>
    public DateTimeOffset? EveningSmsWaitedUntil { get; init; }

    /// <summary>Gets the morning's print run of the waiting letters.</summary>
    public PrintRunOutcome? PrintRun { get; init; }
}
