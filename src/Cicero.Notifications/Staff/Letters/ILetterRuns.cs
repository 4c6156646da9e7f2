using System.Globalization;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>
/// Print runs of the letters of a collected protocol (<see cref="ProtocolDelivery.Collected"/>): staff take every waiting
/// letter in one run, print the document, and the letters count as sent. Thread-safe; several staff members may collect
/// at once on one store.
/// </summary>
public interface ILetterRuns
{
    /// <summary>
    /// Takes every waiting letter of <paramref name="protocol"/> (Pending, due, not held; of <paramref name="branch"/> when
    /// given), in a stable order — branch, then borrower — marks each Sent at the run's time with the run in its history,
    /// and returns the run. Each letter is taken atomically: two staff members collecting at once never get the same letter,
    /// and a crash leaves every letter either waiting or in exactly one run. At most <see cref="MaxLetters"/> letters a run;
    /// the rest wait for the next.
    /// </summary>
    /// <param name="protocol">The collected protocol.</param>
    /// <param name="staffId">The id of the staff member who makes the run, recorded in each letter's history.</param>
    /// <param name="branch">Only this branch's letters (its code), or <see langword="null"/> for all.</param>
    /// <param name="culture">The language of the document around the letters (Danish or English); <see langword="null"/> for the library's default.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The run; without letters when none wait.</returns>
    /// <exception cref="ArgumentException">
    /// The protocol is not a collected one, the branch is not set up, or <paramref name="staffId"/> is empty, longer than 100
    /// characters or <c>system</c> (reserved for automatic processing); nothing changed.
    /// </exception>
    Task<LetterRun> CollectAsync(Protocol protocol, string staffId, string? branch = null, CultureInfo? culture = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a run's document again (a jammed printer) without changing any message: the same letters, in the same order
    /// and language; a letter anonymized since prints as anonymized. Runs are forgotten after the retention period.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The run, or <see langword="null"/> when it is unknown or forgotten.</returns>
    Task<LetterRun?> ReprintAsync(Guid runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists the runs still kept (not yet forgotten by the nightly jobs), newest first, so staff can find a run to print
    /// again after the page that made it is gone.
    /// </summary>
    /// <param name="limit">The most runs to list: 1 to <see cref="MaxListed"/>.</param>
    /// <param name="culture">The culture of the display names (English for an English culture, else Danish); <see langword="null"/> for the library's default culture.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The runs, newest first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is below 1 or above <see cref="MaxListed"/>.</exception>
    Task<IReadOnlyList<LetterRunSummary>> ListAsync(int limit = 20, CultureInfo? culture = null, CancellationToken cancellationToken = default);

    /// <summary>The most runs one <see cref="ListAsync"/> lists.</summary>
    const int MaxListed = 100;

    /// <summary>The most letters one run takes.</summary>
    const int MaxLetters = 5000;
}
