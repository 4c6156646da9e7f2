namespace Cicero.Notifications.Samples.Console.Channels;

/// <summary>An e-mail channel that prints the subject and puts the body in the recipient's sample inbox.</summary>
internal sealed class ConsoleEmailChannel(ChannelLog log) : INotificationChannel
{
    /// <summary>A repeated e-mail is a nuisance, a lost one worse: e-mail may be sent again after a crash.</summary>
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var to = message.Recipient?.Value ?? "";
        log.Deliver(to, message.Body);
        log.Record(message.Id, "E-mail", to, $"\"{message.Subject}\"");
        return Task.FromResult(DeliveryResult.Delivered(providerMessageId: $"<{message.Id}@sample.invalid>"));
    }
}
