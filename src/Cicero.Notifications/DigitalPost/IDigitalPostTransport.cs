namespace Cicero.Notifications.DigitalPost;

/// <summary>
/// Hands a MeMo letter to Digital Post (NgDP through Serviceplatformen's SF1601, e-Boks, a print-and-post fallback …). The host
/// implements it; <see cref="DigitalPostChannel"/> builds the letter and calls it.
/// </summary>
/// <remarks>
/// <para>Return a <see cref="DeliveryResult"/>; do not retry inside: the dispatcher retries transient failures with backoff.
/// Use <see cref="DigitalPostLetter.MessageUuid"/> (the same on every attempt) as the transaction's idempotency key.</para>
/// <para>The letter holds the recipient's CPR number: never log it, and keep failure reasons free of personal data.
/// Implementations must be thread-safe.</para>
/// </remarks>
public interface IDigitalPostTransport
{
    /// <summary>
    /// Gets what the transport guarantees when a send is interrupted before its outcome was recorded: every transport
    /// decides. <see cref="DeliveryGuarantee.AtMostOnce"/>: such a letter goes to staff as in doubt;
    /// <see cref="DeliveryGuarantee.AtLeastOnce"/> when the receiving side recognises a repeated <c>messageUUID</c>: the
    /// letter is sent again.
    /// </summary>
    DeliveryGuarantee Guarantee { get; }

    /// <summary>Sends one letter.</summary>
    /// <param name="letter">The MeMo letter.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <returns>What happened.</returns>
    Task<DeliveryResult> SendAsync(DigitalPostLetter letter, CancellationToken cancellationToken);
}
