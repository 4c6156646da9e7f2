using Cicero.Notifications.Domain;

namespace Cicero.Notifications;

/// <summary>Turns a notification into persisted messages (the outbox); the dispatcher delivers them.</summary>
public interface INotifier
{
    /// <summary>
    /// Decides the borrower's protocols, renders one message per protocol and address, and stores all of
    /// them in one step before any channel is called. A template that fails for this borrower's data makes that message
    /// Failed (it shows in the message queue); the others go on.
    /// </summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The created messages — or, for an idempotency key used before, the messages created then.</returns>
    /// <exception cref="ArgumentException">The notification type is not set up, or the template data holds a value that is not plain data.</exception>
    /// <exception cref="BorrowerProfileNotFoundException">The borrower has no profile.</exception>
    Task<IReadOnlyList<Message>> NotifyAsync(Notification notification, CancellationToken cancellationToken = default);
}
