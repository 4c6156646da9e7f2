namespace Cicero.Notifications.KillTests.Host;

/// <summary>
/// The SMS gateway of the kill test: at most once. The send is the line in its send log (on disk before anything else);
/// then the gateway takes 0–20 ms to answer, so a kill often lands after the send and before its outcome is recorded.
/// </summary>
internal sealed class SmsChannel(SendLog log) : INotificationChannel
{
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        log.Append(message.Id);
        Console.Out.WriteLine($"sent sms {message.Id}");
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 21)), cancellationToken);
        return DeliveryResult.Delivered();
    }
}
