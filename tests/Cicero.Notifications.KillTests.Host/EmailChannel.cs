namespace Cicero.Notifications.KillTests.Host;

/// <summary>The e-mail server of the kill test: at least once. The send is the line in its send log, on disk before it reports delivery.</summary>
internal sealed class EmailChannel(SendLog log) : INotificationChannel
{
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        log.Append(message.Id);
        Console.Out.WriteLine($"sent email {message.Id}");
        return Task.FromResult(DeliveryResult.Delivered());
    }
}
