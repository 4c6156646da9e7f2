using System.Collections.Concurrent;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>A channel that records what it is given and answers with scripted results (Delivered once the script runs out).</summary>
internal sealed class RecordingChannel : INotificationChannel
{
    private readonly ConcurrentQueue<DeliveryResult> _script = new();

    public ConcurrentQueue<OutgoingMessage> Sent { get; } = new();

    public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtLeastOnce;

    /// <summary>Answers the next sends with these results, in order.</summary>
    public RecordingChannel Then(params DeliveryResult[] results)
    {
        foreach (var result in results)
        {
            _script.Enqueue(result);
        }

        return this;
    }

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.FromResult(_script.TryDequeue(out var result) ? result : DeliveryResult.Delivered());
    }
}
