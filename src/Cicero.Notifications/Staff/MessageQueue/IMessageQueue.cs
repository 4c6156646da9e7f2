using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;

namespace Cicero.Notifications;

/// <summary>
/// The message queue (Danish: <em>Beskedkø</em>): the messages staff must handle — Failed and not dismissed, including
/// the ones whose delivery is in doubt — and the staff actions on a message. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Every action takes the acting staff member's id and an optional note, records both in the message's history and
/// sets <see cref="Message.ChangedAt"/>. An action that does not fit the message changes nothing and throws
/// <see cref="MessageActionException"/> (its <see cref="MessageActionException.Refusal"/> says why); an action that loses a
/// race with another change (another staff member, the dispatcher) changes nothing and throws
/// <see cref="MessageConflictException"/>.</para>
/// <para>Retry, reroute and mark handled also take MissingContactInfo messages, which are on the borrower's list
/// (<see cref="IBorrowerMessages"/>) but not in the queue. No action takes an anonymized message or an e-mail verification
/// message. Notes are free text kept in the history: write no personal data in them.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The message queue (Beskedkø) is the glossary's name for the staff's list of messages that could not be sent.")]
public interface IMessageQueue
{
    /// <summary>Lists the queue, oldest first, one page at a time.</summary>
    /// <param name="filter">Only messages of a type, protocol, failure kind or age; <see cref="MessageQueueFilter.All"/> for the whole queue.</param>
    /// <param name="page">The page size and the previous page's continuation.</param>
    /// <param name="culture">The culture of the display names (English for an English culture, else Danish); <see langword="null"/> for the library's default culture.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>A page of rows.</returns>
    /// <exception cref="ArgumentException">The continuation was not issued by the store.</exception>
    Task<MessageRowPage> ListAsync(MessageQueueFilter filter, PageRequest page, CultureInfo? culture = null, CancellationToken cancellationToken = default);

    /// <summary>Counts the messages in the queue.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The number of Failed, not dismissed messages.</returns>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the message again on its protocol: Failed or MissingContactInfo → Pending, due at once (the next
    /// <see cref="IMessageDispatcher.DispatchDueAsync"/> sends it), with a fresh attempt budget. A Failed message goes to the
    /// same address; a MissingContactInfo message goes to the address the borrower's current profile has for the protocol.
    /// A message whose template failed is rendered again from its template data.
    /// </summary>
    /// <param name="messageId">The message.</param>
    /// <param name="staffId">The acting staff member's id, recorded in the history.</param>
    /// <param name="note">Why, optional; recorded in the history.</param>
    /// <param name="expectedVersion">
    /// The <see cref="Message.Version"/> the decision was made on, or <see langword="null"/> for whatever version is stored:
    /// when the stored message has another version, nothing changes and <see cref="MessageConflictException"/> is thrown.
    /// </param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="ArgumentException"><paramref name="staffId"/> is empty or reserved, or the note is too long.</exception>
    /// <exception cref="MessageActionException">The action does not fit the message; nothing changed.</exception>
    /// <exception cref="MessageConflictException">Someone else changed the message first, or it is not at <paramref name="expectedVersion"/>; nothing changed.</exception>
    Task<Message> RetryAsync(MessageId messageId, string staffId, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the message on another protocol ("send on another protocol"): finds the borrower's address for
    /// <paramref name="protocol"/> in the current profile, renders the message's type for that protocol from the stored
    /// template data, and makes it Pending on that protocol, due at once. Failed or MissingContactInfo → Pending. The history
    /// records where it came from and where it went. Choosing the message's own protocol sends it to the borrower's current
    /// address for it.
    /// </summary>
    /// <param name="messageId">The message.</param>
    /// <param name="protocol">The protocol to send it on.</param>
    /// <param name="staffId">The acting staff member's id, recorded in the history.</param>
    /// <param name="note">Why, optional; recorded in the history.</param>
    /// <param name="expectedVersion">
    /// The <see cref="Message.Version"/> the decision was made on, or <see langword="null"/> for whatever version is stored:
    /// when the stored message has another version, nothing changes and <see cref="MessageConflictException"/> is thrown.
    /// </param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="ArgumentException"><paramref name="staffId"/> is empty or reserved, or the note is too long.</exception>
    /// <exception cref="MessageActionException">The action does not fit the message, or the borrower cannot be reached on the protocol; nothing changed.</exception>
    /// <exception cref="MessageConflictException">Someone else changed the message first, or it is not at <paramref name="expectedVersion"/>; nothing changed.</exception>
    Task<Message> RerouteAsync(MessageId messageId, Protocol protocol, string staffId, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that staff handled the message by hand, for example printed and posted it: Failed or MissingContactInfo →
    /// Sent, flagged <see cref="Message.IsHandledManually"/>.
    /// </summary>
    /// <param name="messageId">The message.</param>
    /// <param name="staffId">The acting staff member's id, recorded in the history.</param>
    /// <param name="note">What was done, optional (for example "Printed and posted"); recorded in the history.</param>
    /// <param name="expectedVersion">
    /// The <see cref="Message.Version"/> the decision was made on, or <see langword="null"/> for whatever version is stored:
    /// when the stored message has another version, nothing changes and <see cref="MessageConflictException"/> is thrown.
    /// </param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="ArgumentException"><paramref name="staffId"/> is empty or reserved, or the note is too long.</exception>
    /// <exception cref="MessageActionException">The action does not fit the message; nothing changed.</exception>
    /// <exception cref="MessageConflictException">Someone else changed the message first, or it is not at <paramref name="expectedVersion"/>; nothing changed.</exception>
    Task<Message> MarkHandledAsync(MessageId messageId, string staffId, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Removes a Failed message from the queue; it stays Failed, flagged <see cref="Message.IsDismissed"/>, and stays on the borrower's list.</summary>
    /// <param name="messageId">The message.</param>
    /// <param name="staffId">The acting staff member's id, recorded in the history.</param>
    /// <param name="note">Why, optional; recorded in the history.</param>
    /// <param name="expectedVersion">
    /// The <see cref="Message.Version"/> the decision was made on, or <see langword="null"/> for whatever version is stored:
    /// when the stored message has another version, nothing changes and <see cref="MessageConflictException"/> is thrown.
    /// </param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The changed message.</returns>
    /// <exception cref="ArgumentException"><paramref name="staffId"/> is empty or reserved, or the note is too long.</exception>
    /// <exception cref="MessageActionException">The message is not Failed, or already dismissed; nothing changed.</exception>
    /// <exception cref="MessageConflictException">Someone else changed the message first, or it is not at <paramref name="expectedVersion"/>; nothing changed.</exception>
    Task<Message> DismissAsync(MessageId messageId, string staffId, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retries every selected message as <see cref="RetryAsync"/> does, one by one (a history entry each, the same
    /// refusals), for example every Failed SMS since 14:00 once the gateway is fixed.
    /// </summary>
    /// <param name="selection">The messages: a list of ids or a queue filter.</param>
    /// <param name="staffId">The acting staff member's id, recorded in each message's history.</param>
    /// <param name="note">Why, optional; recorded in each message's history.</param>
    /// <param name="cancellationToken">Stops before the next message; the messages already handled stay so.</param>
    /// <returns>Per message: succeeded, refused (with the reason) or conflicted.</returns>
    /// <exception cref="ArgumentException"><paramref name="staffId"/> is empty or reserved, or the note is too long.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the messages handled before stay as they are.</exception>
    Task<BulkActionResult> RetryManyAsync(MessageSelection selection, string staffId, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Sends every selected message on another protocol as <see cref="RerouteAsync"/> does, one by one.</summary>
    /// <param name="selection">The messages: a list of ids or a queue filter.</param>
    /// <param name="protocol">The protocol to send them on.</param>
    /// <param name="staffId">The acting staff member's id, recorded in each message's history.</param>
    /// <param name="note">Why, optional; recorded in each message's history.</param>
    /// <param name="cancellationToken">Stops before the next message; the messages already handled stay so.</param>
    /// <returns>Per message: succeeded, refused (with the reason, for example no address on the protocol) or conflicted.</returns>
    /// <exception cref="ArgumentException"><paramref name="staffId"/> is empty or reserved, or the note is too long.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the messages handled before stay as they are.</exception>
    Task<BulkActionResult> RerouteManyAsync(MessageSelection selection, Protocol protocol, string staffId, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Marks every selected message handled by hand as <see cref="MarkHandledAsync"/> does, one by one.</summary>
    /// <param name="selection">The messages: a list of ids or a queue filter.</param>
    /// <param name="staffId">The acting staff member's id, recorded in each message's history.</param>
    /// <param name="note">What was done, optional; recorded in each message's history.</param>
    /// <param name="cancellationToken">Stops before the next message; the messages already handled stay so.</param>
    /// <returns>Per message: succeeded, refused (with the reason) or conflicted.</returns>
    /// <exception cref="ArgumentException"><paramref name="staffId"/> is empty or reserved, or the note is too long.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the messages handled before stay as they are.</exception>
    Task<BulkActionResult> MarkHandledManyAsync(MessageSelection selection, string staffId, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Dismisses every selected message from the queue as <see cref="DismissAsync"/> does, one by one.</summary>
    /// <param name="selection">The messages: a list of ids or a queue filter.</param>
    /// <param name="staffId">The acting staff member's id, recorded in each message's history.</param>
    /// <param name="note">Why, optional; recorded in each message's history.</param>
    /// <param name="cancellationToken">Stops before the next message; the messages already handled stay so.</param>
    /// <returns>Per message: succeeded, refused (with the reason) or conflicted.</returns>
    /// <exception cref="ArgumentException"><paramref name="staffId"/> is empty or reserved, or the note is too long.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the messages handled before stay as they are.</exception>
    Task<BulkActionResult> DismissManyAsync(MessageSelection selection, string staffId, string? note = null, CancellationToken cancellationToken = default);
}
