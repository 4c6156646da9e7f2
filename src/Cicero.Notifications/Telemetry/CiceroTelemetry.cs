using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Telemetry;

/// <summary>
/// The library's metrics (a <see cref="Meter"/> named <c>Cicero.Notifications</c>) and traces (an
/// <see cref="ActivitySource"/> of the same name). Tags carry type, protocol, status, failure kind and branch code — never personal data.
/// </summary>
internal sealed class CiceroTelemetry : IDisposable
{
    public const string Name = "Cicero.Notifications";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _created;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;
    private readonly Histogram<double> _dispatchDuration;
    private readonly Gauge<long> _queueDepth;
    private readonly Counter<long> _receipts;

    public CiceroTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _created = _meter.CreateCounter<long>("cicero.notifications.messages.created", "{message}", "Messages created, by protocol, status and branch (when the notification names one).");
        _sent = _meter.CreateCounter<long>("cicero.notifications.messages.sent", "{message}", "Messages delivered to a channel, by protocol.");
        _failed = _meter.CreateCounter<long>("cicero.notifications.messages.failed", "{message}", "Messages that became Failed, by protocol and failure kind.");
        _retried = _meter.CreateCounter<long>("cicero.notifications.messages.retried", "{message}", "Transient failures scheduled for another attempt, by protocol.");
        _dispatchDuration = _meter.CreateHistogram<double>("cicero.notifications.dispatch.duration", "ms", "Duration of one DispatchDueAsync run.");
        _receipts = _meter.CreateCounter<long>("cicero.notifications.receipts", "{receipt}", "Delivery receipts, by protocol, outcome and what they did (Applied, Unchanged, Kept, Forgotten).");
        _queueDepth = _meter.CreateGauge<long>("cicero.notifications.queue.depth", "{message}", "Messages in the message queue (Failed, not dismissed).");
    }

    public bool QueueDepthEnabled => _queueDepth.Enabled;

    public void Created(Message message)
    {
        if (_created.Enabled)
        {
            if (message.Branch is { } branch)
            {
                _created.Add(1, new("protocol", message.Protocol.Name), new("status", StatusTag(message.Status)), new("branch", branch));
            }
            else
            {
                _created.Add(1, new("protocol", message.Protocol.Name), new("status", StatusTag(message.Status)));
            }
        }
    }

    public void Sent(Protocol protocol)
    {
        if (_sent.Enabled)
        {
            _sent.Add(1, new KeyValuePair<string, object?>("protocol", protocol.Name));
        }
    }

    public void Failed(Protocol protocol, MessageFailureKind kind)
    {
        if (_failed.Enabled)
        {
            _failed.Add(1, new("protocol", protocol.Name), new("failure", kind.ToString()));
        }
    }

    public void Retried(Protocol protocol)
    {
        if (_retried.Enabled)
        {
            _retried.Add(1, new KeyValuePair<string, object?>("protocol", protocol.Name));
        }
    }

    public void Receipt(Protocol? protocol, DeliveryReceiptOutcome? outcome, DeliveryReceiptResult? result, long count = 1)
    {
        if (_receipts.Enabled && count > 0)
        {
            _receipts.Add(count, new("protocol", protocol?.Name), new("outcome", outcome?.ToString()), new("result", result?.ToString() ?? "Forgotten"));
        }
    }

    public void DispatchDuration(TimeSpan elapsed) => _dispatchDuration.Record(elapsed.TotalMilliseconds);

    public void QueueDepth(long depth) => _queueDepth.Record(depth);

    /// <summary>The circuit state per protocol (0 closed, 1 half-open, 2 open), read when the gauge is collected.</summary>
    public void ObserveCircuits(Func<IEnumerable<Measurement<int>>> observe)
        => _meter.CreateObservableGauge("cicero.notifications.channel.circuit", observe, "{state}", "A protocol's circuit: 0 closed (sending), 1 half-open (probing), 2 open (paused).");

    public void Dispose() => _meter.Dispose();

    private static string StatusTag(MessageStatus status) => status switch
    {
        MessageStatus.Pending => "Pending",
        MessageStatus.Sent => "Sent",
        MessageStatus.Failed => "Failed",
        _ => "MissingContactInfo",
    };
}
