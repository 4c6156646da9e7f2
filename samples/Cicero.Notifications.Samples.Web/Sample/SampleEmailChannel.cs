namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>An e-mail channel that puts every mail in the sample outbox, where its verification link can be clicked.</summary>
public sealed class SampleEmailChannel(SampleOutbox outbox, TimeProvider clock) : INotificationChannel
{
    /// <inheritdoc />
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        outbox.Add(new OutboxEntry(message.Id, clock.GetUtcNow(), "E-mail", message.Recipient?.Value ?? "", message.Subject, message.Body, "delivered"));
        return Task.FromResult(DeliveryResult.Delivered(providerMessageId: $"<{message.Id}@sample.invalid>"));
    }
}
