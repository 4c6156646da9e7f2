using System.Collections.Concurrent;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

public sealed class DispatchCancellationTests : IDisposable
{
    private readonly TestLibrary _library = new(o => o.Dispatch.MaxParallelism = 1);
    private readonly CancellationTokenSource _cancellation = new();

    [Fact]
    public async Task Cancelling_mid_batch_sends_no_further_messages()
    {
        var channel = await ArrangeAsync(cancelAtSend: 2);

        await DispatchIgnoringCancellationAsync(channel);

        channel.Sent.Should().HaveCount(2);
    }

    [Fact]
    public async Task Sends_made_before_cancelling_are_recorded()
    {
        var channel = await ArrangeAsync(cancelAtSend: 2);

        await DispatchIgnoringCancellationAsync(channel);

        foreach (var id in channel.Sent)
        {
            (await _library.GetAsync(id)).Status.Should().Be(MessageStatus.Sent);
        }
    }

    [Fact]
    public async Task Cancelled_dispatch_throws_OperationCanceledException()
    {
        var channel = await ArrangeAsync(cancelAtSend: 2);

        var act = () => DispatcherWith(channel).DispatchDueAsync(_cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    public void Dispose()
    {
        _cancellation.Dispose();
        _library.Dispose();
    }

    private async Task<CancellingChannel> ArrangeAsync(int cancelAtSend)
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        for (var i = 0; i < 5; i++)
        {
            await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: $"#{i}");
        }

        return new CancellingChannel(_cancellation, cancelAtSend);
    }

    private async Task DispatchIgnoringCancellationAsync(INotificationChannel channel)
    {
        try
        {
            await DispatcherWith(channel).DispatchDueAsync(_cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            // Pinned by Cancelled_dispatch_throws_OperationCanceledException.
        }
    }

    private MessageDispatcher DispatcherWith(INotificationChannel sms)
    {
        var registry = new ChannelRegistry([new ChannelRegistration(Protocol.Sms, _ => sms, sms.GetType())], _library.Services);
        return ActivatorUtilities.CreateInstance<MessageDispatcher>(_library.Services, registry);
    }

    /// <summary>A channel that delivers every message and, during send number <c>cancelAtSend</c>, cancels the dispatch.</summary>
    private sealed class CancellingChannel(CancellationTokenSource cancellation, int cancelAtSend) : INotificationChannel
    {
        public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

        public ConcurrentQueue<MessageId> Sent { get; } = new();

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            Sent.Enqueue(message.Id);
            if (Sent.Count == cancelAtSend)
            {
                cancellation.Cancel();
            }

            return Task.FromResult(DeliveryResult.Delivered());
        }
    }
}
