using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

public sealed class DispatchParallelismTests
{
    [Fact]
    public async Task Sends_that_wait_never_exceed_MaxParallelism_at_once()
    {
        using var library = await FiveSmsAsync(maxParallelism: 2);

        var channel = new GatedChannel(signalAt: 2);
        await DispatchOnceTwoWaitAsync(library, channel);

        channel.MaxWaiting.Should().Be(2);
    }

    [Fact]
    public async Task Every_claimed_message_is_sent_when_sends_wait()
    {
        using var library = await FiveSmsAsync(maxParallelism: 2);

        var channel = new GatedChannel(signalAt: 2);
        var result = await DispatchOnceTwoWaitAsync(library, channel);

        result.Delivered.Should().Be(5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sends_that_hold_their_thread_still_run_side_by_side(bool thenWait)
    {
        using var library = await FiveSmsAsync(maxParallelism: 2);

        var channel = new ThreadHoldingChannel(thenWait);
        var dispatcher = DispatcherWith(library, channel);

        await dispatcher.DispatchDueAsync();

        channel.Holder.MaxHeld.Should().Be(2, "a send that blocks its thread must not serialize the batch");
    }

    [Fact]
    public async Task A_send_does_not_wait_for_the_previous_outcome_to_be_stored_but_the_dispatch_does()
    {
        var store = new GatedOutcomeStore();
        using var library = new TestLibrary(o => o.Dispatch.MaxParallelism = 1, s => s.AddSingleton<IMessageStore>(store));
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        for (var i = 0; i < 3; i++)
        {
            await library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: $"#{i}");
        }

        // The outcomes are stored only once the third message has gone to the channel: one worker gets there only if it
        // does not wait for each outcome before its next send.
        library.Sms.Otherwise = _ =>
        {
            if (library.Sms.Sent.Count == 3)
            {
                store.Open.TrySetResult();
            }

            return DeliveryResult.Delivered();
        };

        var result = await library.Dispatcher.DispatchDueAsync().WaitAsync(TimeSpan.FromSeconds(30));

        result.Delivered.Should().Be(3);
        store.Recorded.Should().Be(3, "every outcome is stored before the dispatch returns");
    }

    /// <summary>Holds every outcome (an update of a Sent message) until <see cref="Open"/> completes.</summary>
    private sealed class GatedOutcomeStore() : DelegatingMessageStore(new InMemoryMessageStore())
    {
        private int _recorded;

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Recorded => Volatile.Read(ref _recorded);

        public override async Task<Message?> TryUpdateAsync(Message message, CancellationToken cancellationToken = default)
        {
            if (message.Status == MessageStatus.Sent)
            {
                await Open.Task;
            }

            var stored = await Inner.TryUpdateAsync(message, cancellationToken);
            Interlocked.Increment(ref _recorded);
            return stored;
        }
    }

    /// <summary>A library holding five SMS messages, due at once.</summary>
    private static async Task<TestLibrary> FiveSmsAsync(int? maxParallelism = null)
    {
        var library = new TestLibrary(o =>
        {
            if (maxParallelism is { } max)
            {
                o.Dispatch.MaxParallelism = max;
            }
        });
        await library.SaveProfileAsync("B1", p => library.WithPhone(p, "20 12 34 56"));
        for (var i = 0; i < 5; i++)
        {
            await library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: $"#{i}");
        }

        return library;
    }

    /// <summary>Dispatches through the gated channel, opening its gate once two sends wait.</summary>
    private static async Task<DispatchResult> DispatchOnceTwoWaitAsync(TestLibrary library, GatedChannel channel)
    {
        var dispatch = DispatcherWith(library, channel).DispatchDueAsync();
        await channel.Reached;
        channel.Open();
        return await dispatch;
    }

    private static MessageDispatcher DispatcherWith(TestLibrary library, INotificationChannel sms)
    {
        var registry = new ChannelRegistry([new ChannelRegistration(Protocol.Sms, _ => sms, sms.GetType())], library.Services);
        return ActivatorUtilities.CreateInstance<MessageDispatcher>(library.Services, registry);
    }

    /// <summary>
    /// A channel whose sends block their thread (see <see cref="ThreadHolder"/>) and then report delivery: at once, or
    /// (<paramref name="thenWait"/>) through a task that completes later.
    /// </summary>
    private sealed class ThreadHoldingChannel(bool thenWait) : INotificationChannel
    {
        public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

        public ThreadHolder Holder { get; } = new();

        public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            Holder.Hold();
            return thenWait ? DeliverLaterAsync() : Task.FromResult(DeliveryResult.Delivered());
        }

        private static async Task<DeliveryResult> DeliverLaterAsync()
        {
            await Task.Yield();
            return DeliveryResult.Delivered();
        }
    }

    /// <summary>A channel whose sends wait for <see cref="Open"/>; it counts how many wait at once.</summary>
    private sealed class GatedChannel(int signalAt) : INotificationChannel
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private int _waiting;

        public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

        public int MaxWaiting { get; private set; }

        /// <summary>Gets a task that completes once <c>signalAt</c> sends wait at the same time.</summary>
        public Task Reached => _reached.Task;

        public void Open() => _gate.TrySetResult();

        public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _waiting++;
                MaxWaiting = Math.Max(MaxWaiting, _waiting);
                if (_waiting >= signalAt)
                {
                    _reached.TrySetResult();
                }
            }

            await _gate.Task.ConfigureAwait(false);
            lock (_lock)
            {
                _waiting--;
            }

            return DeliveryResult.Delivered();
        }
    }
}
