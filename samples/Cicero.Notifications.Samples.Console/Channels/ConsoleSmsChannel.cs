namespace Cicero.Notifications.Samples.Console.Channels;

/// <summary>
/// An SMS gateway that prints instead of sending. It knows one number that is not in service and refuses it the way a
/// real gateway does (HTTP 400): a permanent failure, so the message goes to the staff message queue.
/// </summary>
internal sealed class ConsoleSmsChannel(ChannelLog log) : INotificationChannel
{
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    /// <summary>The number the gateway refuses (E.164, as the library stores phone numbers).</summary>
    public const string NumberNotInService = "+4531456789";

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var to = message.Recipient?.Value ?? "";
        if (to == NumberNotInService)
        {
            // A reason is stored and shown to staff: it names the problem, never the number or the text.
            const string reason = "HTTP 400: number not in service";
            log.Record(message.Id, "SMS", to, "refused by the gateway: " + reason);
            return Task.FromResult(DeliveryResult.PermanentFailure(reason));
        }

        log.Record(message.Id, "SMS", to, message.Body);
        return Task.FromResult(DeliveryResult.Delivered(providerMessageId: "sms-" + message.Id));
    }
}
