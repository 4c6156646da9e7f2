namespace Cicero.Notifications;

/// <summary>
/// Delivers messages of one protocol (an SMS gateway, an SMTP server, a Digital Post transport, a printer queue).
/// The host implements it, or uses an adapter package, and registers it with
/// <c>AddChannel&lt;TChannel&gt;(protocol)</c>.
/// </summary>
/// <remarks>
/// <para>Return a <see cref="DeliveryResult"/>; do not throw for expected failures. An exception is treated as a transient
/// failure whose reason names only the exception's type (its message may hold personal data), never as a crash.</para>
/// <para>Do not retry inside the channel: the dispatcher owns retries, with backoff, and a blind retry can send an SMS twice.
/// Use <see cref="OutgoingMessage.Id"/> as the provider's idempotency key where the provider supports one.</para>
/// <para>Implementations must be thread-safe: the dispatcher sends several messages at once.</para>
/// </remarks>
public interface INotificationChannel
{
    /// <summary>
    /// Gets what the channel guarantees when a send is interrupted (the process dies between sending and recording the
    /// outcome). Every channel decides: <see cref="DeliveryGuarantee.AtMostOnce"/> when a repeat would reach the recipient
    /// twice (an SMS): such a message goes to staff as in doubt; <see cref="DeliveryGuarantee.AtLeastOnce"/> when the
    /// provider recognises a repeated <see cref="OutgoingMessage.Id"/> or a repeat does no harm: the message is sent again.
    /// </summary>
    DeliveryGuarantee Guarantee { get; }

    /// <summary>Sends one message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <returns>What happened.</returns>
    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
