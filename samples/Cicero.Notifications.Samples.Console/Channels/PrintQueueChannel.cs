namespace Cicero.Notifications.Samples.Console.Channels;

/// <summary>
/// The user-defined protocol <c>Print</c> (address: none): the letter goes to the library's print queue, and staff post
/// it. The sample uses it as the alternative protocol of the types that must reach borrowers without contact details.
/// </summary>
internal sealed class PrintQueueChannel(ChannelLog log) : INotificationChannel
{
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        log.Record(message.Id, "Print", "(letter)", $"letter queued for printing: \"{message.Subject}\"");
        return Task.FromResult(DeliveryResult.Delivered());
    }
}
