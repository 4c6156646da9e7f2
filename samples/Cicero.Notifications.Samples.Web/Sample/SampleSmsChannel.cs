namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>
/// An SMS gateway that records instead of sending. Numbers in the series +45 31 45 xx xx are "not in service": it refuses
/// them the way a real gateway does (HTTP 400), a permanent failure, so those messages go to the message queue.
/// </summary>
public sealed class SampleSmsChannel(SampleOutbox outbox, TimeProvider clock) : INotificationChannel
{
    /// <summary>The number series the gateway refuses (E.164, as the library stores phone numbers).</summary>
    public const string RefusedSeries = "+453145";

    /// <inheritdoc />
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var to = message.Recipient?.Value ?? "";
        if (to.StartsWith(RefusedSeries, StringComparison.Ordinal))
        {
            const string reason = "HTTP 400: number not in service";
            outbox.Add(new OutboxEntry(message.Id, clock.GetUtcNow(), "SMS", to, null, message.Body, "refused: " + reason));
            return Task.FromResult(DeliveryResult.PermanentFailure(reason));
        }

        outbox.Add(new OutboxEntry(message.Id, clock.GetUtcNow(), "SMS", to, null, message.Body, "delivered"));
        return Task.FromResult(DeliveryResult.Delivered(providerMessageId: "sms-" + message.Id));
    }
}
