namespace Cicero.Notifications.Benchmarks;

/// <summary>A channel that accepts every message at once: the benchmarks measure the library and the store, not a provider.</summary>
internal sealed class NoOpChannel : INotificationChannel
{
    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        => Task.FromResult(DeliveryResult.Delivered());
}
