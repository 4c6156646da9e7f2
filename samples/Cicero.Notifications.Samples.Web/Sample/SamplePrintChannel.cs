namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>The user-defined protocol <c>Print</c> (no address): letters go to the library's print queue.</summary>
public sealed class SamplePrintChannel(SampleOutbox outbox, TimeProvider clock) : INotificationChannel
{
    /// <inheritdoc />
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        outbox.Add(new OutboxEntry(message.Id, clock.GetUtcNow(), "Brev / Letter", "(print queue)", message.Subject, message.Body, "queued for printing"));
        return Task.FromResult(DeliveryResult.Delivered());
    }
}
