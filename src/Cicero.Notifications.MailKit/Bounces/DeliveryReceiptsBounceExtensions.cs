using Cicero.Notifications.Domain;
using MimeKit;

namespace Cicero.Notifications.MailKit;

/// <summary>Applies e-mail bounces through <see cref="IDeliveryReceipts"/>.</summary>
public static class DeliveryReceiptsBounceExtensions
{
    /// <summary>
    /// Reads a bounce's delivery receipts (<see cref="DeliveryStatusNotifications.ReadReceipts"/>) and applies them as one
    /// batch. Returns once every change is stored, so the bounce can then be deleted from the mailbox.
    /// </summary>
    /// <param name="receipts">The delivery receipts service.</param>
    /// <param name="bounce">A mail from the bounce mailbox.</param>
    /// <param name="receivedAt">When the bounce was received: the receipts' time when the report has none, and the latest time a receipt can have.</param>
    /// <param name="protocol">The protocol whose channel sent the mail; <see cref="Protocol.Email"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>What each receipt did, in the report's recipient order; empty when the mail is not a DSN or names no original message.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="receipts"/> or <paramref name="bounce"/> is <see langword="null"/>.</exception>
    public static async Task<IReadOnlyList<DeliveryReceiptResult>> ApplyBounceAsync(this IDeliveryReceipts receipts, MimeMessage bounce, DateTimeOffset receivedAt, Protocol? protocol = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var read = DeliveryStatusNotifications.ReadReceipts(bounce, receivedAt, protocol);
        return read.Count == 0 ? [] : await receipts.ApplyManyAsync(read, cancellationToken).ConfigureAwait(false);
    }
}
