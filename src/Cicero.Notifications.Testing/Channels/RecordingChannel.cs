using System.Collections.Concurrent;

namespace Cicero.Notifications.Testing;

/// <summary>
/// An <see cref="INotificationChannel"/> for tests: it records every <see cref="OutgoingMessage"/> it is asked to send,
/// and when, and answers from a script: first the results queued with <c>Then</c>, one per send in order, then
/// <see cref="Otherwise"/> (delivered, unless changed).
/// </summary>
/// <remarks>
/// <para>Thread-safe, as a channel must be: the dispatcher sends several messages at once.</para>
/// <para>A scripted function runs inside <see cref="SendAsync"/>, after the message is recorded; an exception it throws
/// leaves <see cref="SendAsync"/> as it would leave a real channel's send.</para>
/// </remarks>
/// <example>
/// <code>
/// var sms = new RecordingChannel().Then(DeliveryResult.TransientFailure("HTTP 503"));
/// services.AddCiceroNotifications(o => …).AddChannel(Protocol.Sms, sms);
/// // … notify and dispatch …
/// sms.Sent.Should().ContainSingle();
/// </code>
/// </example>
public sealed class RecordingChannel : INotificationChannel
{
    private readonly ConcurrentQueue<Func<OutgoingMessage, DeliveryResult>> _script = new();
    private readonly List<(OutgoingMessage Message, DateTimeOffset At)> _sends = [];
    private readonly TimeProvider _timeProvider;
    private Func<OutgoingMessage, DeliveryResult> _otherwise = _ => DeliveryResult.Delivered();

    /// <summary>Initializes a new instance of the <see cref="RecordingChannel"/> class.</summary>
    /// <param name="guarantee">What the channel claims when a send is interrupted: see <see cref="Guarantee"/>.</param>
    /// <param name="timeProvider">The clock that <see cref="SentAt"/> is read from; <see cref="TimeProvider.System"/> when null (pass the test's <c>FakeTimeProvider</c>).</param>
    public RecordingChannel(DeliveryGuarantee guarantee = DeliveryGuarantee.AtMostOnce, TimeProvider? timeProvider = null)
    {
        Guarantee = guarantee;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Gets what the channel guarantees when a send is interrupted: with <see cref="DeliveryGuarantee.AtMostOnce"/> the
    /// dispatcher hands a message reclaimed in flight to staff as in doubt; with <see cref="DeliveryGuarantee.AtLeastOnce"/>
    /// it sends it again.
    /// </summary>
    /// <value>The value given to the constructor; the default is <see cref="DeliveryGuarantee.AtMostOnce"/>.</value>
    public DeliveryGuarantee Guarantee { get; }

    /// <summary>Gets the messages the channel was asked to send, in the order it was asked (a snapshot).</summary>
    public IReadOnlyList<OutgoingMessage> Sent
    {
        get
        {
            lock (_sends)
            {
                return [.. _sends.Select(s => s.Message)];
            }
        }
    }

    /// <summary>
    /// Gets when each send was asked for, by the constructor's <see cref="TimeProvider"/> (a snapshot): the time at
    /// index <c>i</c> belongs to <see cref="Sent"/>'s message at index <c>i</c>.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> SentAt
    {
        get
        {
            lock (_sends)
            {
                return [.. _sends.Select(s => s.At)];
            }
        }
    }

    /// <summary>Gets or sets the answer to every send once the results queued with <c>Then</c> are used up.</summary>
    /// <value>The default answers <see cref="DeliveryResult.Delivered(string?)"/> with no provider message id.</value>
    public Func<OutgoingMessage, DeliveryResult> Otherwise
    {
        get => _otherwise;
        set => _otherwise = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Queues results for the next sends, one per send, in order.</summary>
    /// <param name="results">The results.</param>
    /// <returns>This channel, to chain further calls.</returns>
    public RecordingChannel Then(params DeliveryResult[] results)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
            _script.Enqueue(_ => result);
        }

        return this;
    }

    /// <summary>Queues a function that answers the next send (it may throw, as a failing channel would).</summary>
    /// <param name="next">The function; it gets the message being sent.</param>
    /// <returns>This channel, to chain further calls.</returns>
    public RecordingChannel Then(Func<OutgoingMessage, DeliveryResult> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _script.Enqueue(next);
        return this;
    }

    /// <summary>Records the message and the time, then answers with the next scripted result or <see cref="Otherwise"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Not observed: the answer is immediate.</param>
    /// <returns>The scripted result, already completed.</returns>
    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_sends)
        {
            _sends.Add((message, _timeProvider.GetUtcNow()));
        }

        var answer = _script.TryDequeue(out var scripted) ? scripted : Otherwise;
        return Task.FromResult(answer(message));
    }
}
