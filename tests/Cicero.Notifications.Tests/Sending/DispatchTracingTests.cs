using System.Collections.Concurrent;
using System.Diagnostics;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

public sealed class DispatchTracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly TestLibrary _library = new(o => o.Dispatch.MaxParallelism = 3);

    public DispatchTracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CiceroTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Each_send_is_a_child_of_the_dispatch()
    {
        var ids = await NotifyAsync(5);

        await _library.Dispatcher.DispatchDueAsync();

        SendsOf(ids).Should().HaveCount(5).And.OnlyContain(send => send.Parent!.OperationName == "cicero.dispatch");
    }

    [Fact]
    public async Task Sends_that_wait_are_children_of_the_dispatch_too()
    {
        var ids = await NotifyAsync(5);
        var dispatcher = DispatcherWith(new YieldingChannel());

        await dispatcher.DispatchDueAsync();

        SendsOf(ids).Should().HaveCount(5).And.OnlyContain(send => send.Parent!.OperationName == "cicero.dispatch");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _library.Dispose();
    }

    private async Task<HashSet<string>> NotifyAsync(int count)
    {
        await _library.SaveProfileAsync("B1", p => _library.WithPhone(p, "20 12 34 56"));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            foreach (var message in await _library.NotifyAsync("B1", NotificationType.WelcomeBorrower, title: $"#{i}"))
            {
                ids.Add(message.Id.ToString());
            }
        }

        return ids;
    }

    /// <summary>This test's send activities (the listener hears every test that dispatches at the same time).</summary>
    private List<Activity> SendsOf(HashSet<string> ids)
        => [.. _stopped.Where(a => a.OperationName == "cicero.send" && ids.Contains((string)a.GetTagItem("cicero.message.id")!))];

    private MessageDispatcher DispatcherWith(INotificationChannel sms)
    {
        var registry = new ChannelRegistry([new ChannelRegistration(Protocol.Sms, _ => sms, sms.GetType())], _library.Services);
        return ActivatorUtilities.CreateInstance<MessageDispatcher>(_library.Services, registry);
    }

    /// <summary>A channel whose sends complete later, on another thread: the dispatcher starts more workers for them.</summary>
    private sealed class YieldingChannel : INotificationChannel
    {
        public DeliveryGuarantee Guarantee => DeliveryGuarantee.AtMostOnce;

        public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return DeliveryResult.Delivered();
        }
    }
}
