using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>Turns a notification into persisted messages (the outbox); the dispatcher delivers them.</summary>
public interface INotifier
{
    /// <summary>
    /// Decides the borrower's protocols, renders one message per protocol and address, and stores all of
    /// them in one step before any channel is called. A template that fails for this borrower's data makes that message
    /// Failed (it shows in the message queue); the others go on. For a type with a digest window
    /// (<see cref="Domain.NotificationTypeOptions.DigestWindow"/>) the notification joins the borrower's open digest of
    /// that type when there is one: the digest's messages are rendered again with it as the last of their <c>items</c>.
    /// </summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>
    /// The created messages — or the digest's messages it joined, or, for an idempotency key used before, the messages
    /// created then.
    /// </returns>
    /// <exception cref="ArgumentException">The notification type is not set up, or the template data holds a value that is not plain data.</exception>
    /// <exception cref="BorrowerProfileNotFoundException">The borrower has no profile.</exception>
    Task<IReadOnlyList<Message>> NotifyAsync(Notification notification, CancellationToken cancellationToken = default);

    /// <summary>
    /// Bulk notify, for a library system's nightly run: reminders and notices for thousands of borrowers in one call.
    /// Each notification is handled as <see cref="NotifyAsync"/> handles it — idempotency keys included, so re-running a
    /// half-finished run creates nothing twice — and the messages of each batch of
    /// <see cref="MaxBatchSize"/> notifications are stored in one step (one transaction on a durable store). A refused
    /// notification (unknown borrower, unknown type, bad data) is reported in its result and does not stop the others.
    /// Notifications of a type with a digest window are stored one at a time after the rest of their batch, in order, so
    /// a borrower's reminders in one run become one digest (<see cref="NotifyOutcome.AddedToDigest"/>).
    /// </summary>
    /// <param name="notifications">The notifications, read once, in order.</param>
    /// <param name="cancellationToken">A cancellation token; batches stored before it fired stay stored.</param>
    /// <returns>One result per notification, in the order given.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="notifications"/> or one of its items is null.</exception>
    Task<IReadOnlyList<NotifyResult>> NotifyManyAsync(IEnumerable<Notification> notifications, CancellationToken cancellationToken = default);

    /// <summary>
    /// Withdraws a notification that is no longer true (the reservation was collected, the loan returned before the
    /// overdue notice went out), found by the idempotency key it was created with. Its messages that have not been sent
    /// are cancelled: they become Failed with <see cref="Domain.MessageFailureKind.Cancelled"/> and the reason, are
    /// dismissed (not in the message queue), stay on the borrower's list, and never reach a channel. Sent messages are
    /// untouched, and so is a message whose send a dispatcher has already begun. Cancelling twice is harmless.
    /// </summary>
    /// <param name="idempotencyKey">The key the notification was created with (<see cref="Notification.IdempotencyKey"/>).</param>
    /// <param name="reason">Why, shown to staff on the borrower's list (for example "The reservation was collected.").</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What happened to each message; <see cref="CancelResult.Found"/> is false when the key is unknown or forgotten.</returns>
    Task<CancelResult> CancelAsync(string idempotencyKey, string reason, CancellationToken cancellationToken = default);

    /// <summary>How many notifications <see cref="NotifyManyAsync"/> stores in one step.</summary>
    const int MaxBatchSize = 500;
}
