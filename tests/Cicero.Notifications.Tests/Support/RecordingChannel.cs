using System.Collections.Concurrent;

namespace Cicero.Notifications.Tests.Support;

/// <summary>A channel that records what it is asked to send and answers from a script (default: delivered).</summary>
internal sealed class RecordingChannel(DeliveryGuarantee guarantee = DeliveryGuarantee.AtMostOnce) : INotificationChannel
{
    private readonly ConcurrentQueue<Func<OutgoingMessage, DeliveryResult>> _script = new();

    public ConcurrentQueue<OutgoingMessage> Sent { get; } = new();

    public DeliveryGuarantee Guarantee { get; } = guarantee;

    /// <summary>Gets or sets what happens once the script is used up.</summary>
    public Func<OutgoingMessage, DeliveryResult> Otherwise { get; set; } = _ => DeliveryResult.Delivered();

    public RecordingChannel Then(Func<OutgoingMessage, DeliveryResult> next)
    {
        _script.Enqueue(next);
        return this;
    }

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        var next = _script.TryDequeue(out var scripted) ? scripted : Otherwise;
        return Task.FromResult(next(message));
    }
}
