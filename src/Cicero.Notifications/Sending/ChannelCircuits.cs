using System.Diagnostics.Metrics;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Sending;

/// <summary>
/// A circuit per protocol, in this process. Closed: messages are sent. A <see cref="DeliveryOutcome.ChannelUnavailable"/>
/// result, or transient failures of <see cref="CircuitOptions.FailureThreshold"/> different messages in a row, open it
/// (one message failing again and again — a full mailbox — says nothing about the channel): the protocol is paused
/// (the dispatcher claims none of its messages) for the break duration. Then one message is sent as a probe (half-open):
/// delivered or refused (the provider answered), the circuit closes; failed, it opens again for twice as long, up to
/// <see cref="CircuitOptions.MaxBreakDuration"/>.
/// </summary>
internal sealed class ChannelCircuits
{
    private readonly ServerSetup _setup;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<Protocol, Circuit> _circuits = [];

    public ChannelCircuits(ServerSetup setup, CiceroTelemetry telemetry, ILogger<ChannelCircuits>? logger = null)
    {
        _setup = setup;
        _logger = logger ?? NullLogger<ChannelCircuits>.Instance;
        telemetry.ObserveCircuits(() => States().Select(s => new Measurement<int>((int)s.State, new KeyValuePair<string, object?>("protocol", s.Protocol.Name))));
    }

    private CircuitOptions Options => _setup.Options.Dispatch.Circuit;

    /// <summary>The protocols not to claim now: open and not yet due for a probe, or with a probe in flight.</summary>
    public IReadOnlyCollection<Protocol> Paused(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_circuits.Count == 0) // A fast path: removing it is an equivalent mutant (the loop finds nothing).
            {
                return [];
            }

            List<Protocol>? paused = null;
            foreach (var (protocol, circuit) in _circuits)
            {
                if (circuit.State == CircuitState.HalfOpen || (circuit.State == CircuitState.Open && circuit.OpenUntil > now))
                {
                    (paused ??= []).Add(protocol);
                }
            }

            return paused ?? (IReadOnlyCollection<Protocol>)[];
        }
    }

    /// <summary>Whether a message of <paramref name="protocol"/> may be sent now: closed, or as the one probe of an open circuit whose break is over.</summary>
    public CircuitPass TryPass(Protocol protocol, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_circuits.TryGetValue(protocol, out var circuit) || circuit.State == CircuitState.Closed)
            {
                return CircuitPass.Send;
            }

            if (circuit.State == CircuitState.Open && circuit.OpenUntil <= now)
            {
                circuit.State = CircuitState.HalfOpen;
                return CircuitPass.Probe;
            }

            return CircuitPass.Paused;
        }
    }

    /// <summary>Whether messages of <paramref name="protocol"/> are sent (its circuit is closed).</summary>
    public bool IsClosed(Protocol protocol)
    {
        lock (_lock)
        {
            return !_circuits.TryGetValue(protocol, out var circuit) || circuit.State == CircuitState.Closed;
        }
    }

    /// <summary>A probe that was not sent after all (its claim was lost, or the dispatch stopped): the next message probes.</summary>
    public void ProbeNotSent(Protocol protocol)
    {
        lock (_lock)
        {
            if (_circuits.TryGetValue(protocol, out var circuit) && circuit.State == CircuitState.HalfOpen)
            {
                circuit.State = CircuitState.Open;
            }
        }
    }

    /// <summary>
    /// Takes in what the channel said about one message and returns, when the circuit is open after it, until when: a
    /// message whose failure opened the circuit, or came back while it was open, waits until then without spending an attempt.
    /// </summary>
    public DateTimeOffset? Record(Protocol protocol, MessageId messageId, DeliveryResult result, DateTimeOffset now)
    {
        lock (_lock)
        {
            var answered = result.Outcome is DeliveryOutcome.Delivered or DeliveryOutcome.PermanentFailure;
            if (answered && !_circuits.ContainsKey(protocol))
            {
                // The common case: a protocol that never failed has no circuit, and a success does not create one.
                return null;
            }

            var circuit = GetOrAdd(protocol);
            switch (result.Outcome)
            {
                case DeliveryOutcome.Delivered or DeliveryOutcome.PermanentFailure:
                    // The provider answered about this message: the channel works.
                    circuit.FailedInRow.Clear();
                    if (circuit.State != CircuitState.Closed)
                    {
                        Log.CircuitClosed(_logger, protocol, (long)(now - circuit.OpenedAt).TotalSeconds);
                        circuit.State = CircuitState.Closed;
                        circuit.Break = TimeSpan.Zero;
                    }

                    return null;
                case DeliveryOutcome.ChannelUnavailable:
                    return Open(protocol, circuit, now, result);
                default:
                    circuit.FailedInRow.Add(messageId);
                    if (circuit.State != CircuitState.Closed)
                    {
                        // A failed probe, or a send that began before the circuit opened.
                        return Open(protocol, circuit, now, result);
                    }

                    return Options.FailureThreshold > 0 && circuit.FailedInRow.Count >= Options.FailureThreshold
                        ? Open(protocol, circuit, now, result)
                        : null;
            }
        }
    }

    /// <summary>A snapshot of every circuit that is not closed, for the health check and the metric.</summary>
    public IReadOnlyList<CircuitSnapshot> NotClosed()
    {
        lock (_lock)
        {
            return [.. _circuits
                .Where(c => c.Value.State != CircuitState.Closed)
                .Select(c => new CircuitSnapshot(c.Key, c.Value.State, c.Value.OpenedAt, c.Value.OpenUntil, c.Value.Reason))
                .OrderBy(c => c.Protocol.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>The state of every protocol that has had a circuit, for the metric (closed ones included, so a gauge falls back to 0).</summary>
    public IReadOnlyList<(Protocol Protocol, CircuitState State)> States()
    {
        lock (_lock)
        {
            return [.. _circuits.Select(c => (c.Key, c.Value.State))];
        }
    }

    private DateTimeOffset Open(Protocol protocol, Circuit circuit, DateTimeOffset now, DeliveryResult result)
    {
        var options = Options;
        var before = circuit.State;
        if (before == CircuitState.Closed)
        {
            circuit.OpenedAt = now;
            circuit.Break = options.BreakDuration;
        }
        else if (before == CircuitState.HalfOpen)
        {
            // A failed probe: wait twice as long before the next.
            circuit.Break = TimeSpan.FromTicks(Math.Min(circuit.Break.Ticks * 2, options.MaxBreakDuration.Ticks));
        }

        var asked = result.RetryAfter is { } retryAfter ? now + retryAfter : DateTimeOffset.MinValue;
        circuit.OpenUntil = before == CircuitState.Open
            ? Max(circuit.OpenUntil, asked) // a send that began before the circuit opened: the pause stays as it is
            : Max(now + circuit.Break, asked);
        circuit.State = CircuitState.Open;
        circuit.Reason = result.Reason!;
        circuit.FailedInRow.Clear(); // Keeps the set small while open; closing clears it too, so removing it is an equivalent mutant.
        if (before == CircuitState.Closed)
        {
            Log.CircuitOpened(_logger, protocol, circuit.Reason, circuit.OpenUntil);
        }
        else if (before == CircuitState.HalfOpen)
        {
            Log.CircuitProbeFailed(_logger, protocol, circuit.Reason, circuit.OpenUntil);
        }

        return circuit.OpenUntil;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b; // ">=" is an equivalent mutant.

    private Circuit GetOrAdd(Protocol protocol)
    {
        if (!_circuits.TryGetValue(protocol, out var circuit))
        {
            circuit = new Circuit();
            _circuits.Add(protocol, circuit);
        }

        return circuit;
    }

    private sealed class Circuit
    {
        public CircuitState State;
        public readonly HashSet<MessageId> FailedInRow = [];
        public DateTimeOffset OpenedAt;
        public DateTimeOffset OpenUntil;
        public TimeSpan Break;
        public string Reason = string.Empty; // Always set by Open before it is read: another initial text is an equivalent mutant.
    }
}
