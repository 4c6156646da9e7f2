using System.Collections.Concurrent;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Sending;

/// <summary>
/// Claims due messages with a lease, sends them through their channel (at most <see cref="DispatchOptions.MaxParallelism"/>
/// at once) and records each outcome. The same path for every <see cref="IMessageStore"/>. Protocols whose channel is
/// broken are paused (<see cref="ChannelCircuits"/>): none of their messages is claimed or sent until a probe succeeds.
/// Messages of a collected protocol (letters staff print, <see cref="ProtocolDelivery.Collected"/>) are never claimed.
/// A message that fails for good may start its notification's fallback (<see cref="NotificationFallbacks"/>).
/// </summary>
internal sealed class MessageDispatcher(
    ServerSetup setup,
    ChannelRegistry channels,
    IMessageStore store,
    TimeProvider time,
    CiceroTelemetry telemetry,
    ChannelCircuits circuits,
    NotificationFallbacks fallbacks,
    RetryRandomizer? randomizer = null,
    ILogger<MessageDispatcher>? logger = null) : IMessageDispatcher
{
    private readonly ILogger _logger = logger ?? NullLogger<MessageDispatcher>.Instance;
    private readonly RetryRandomizer _randomizer = randomizer ?? RetryRandomizer.Shared;
    private readonly QuietHoursPolicy _quietHours = new(setup);
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>The protocols whose messages are not claimed now: those paused by their circuit, and those staff collect in print runs.</summary>
    private IReadOnlyCollection<Protocol> NotClaimed(DateTimeOffset now)
    {
        var paused = circuits.Paused(now);
        var collected = setup.Catalog.Collected;
        return collected.Count == 0 ? paused : paused.Count == 0 ? collected : [.. paused.Concat(collected).Distinct()];
    }

    public async Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.dispatch");
        var started = time.GetTimestamp();
        var options = setup.Options.Dispatch;
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxParallelism == -1 ? Environment.ProcessorCount : options.MaxParallelism,
            CancellationToken = cancellationToken,
        };
        var tally = new Tally();

        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var batch = await store.ClaimDueAsync(_owner, now, now + options.LeaseDuration, options.BatchSize, NotClaimed(now), cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            Interlocked.Add(ref tally.Claimed, batch.Count);
            try
            {
                await Parallel.ForEachAsync(batch, parallel, (claimed, token) => ProcessAsync(claimed, tally, token)).ConfigureAwait(false);
            }
            finally
            {
                // Every outcome of the batch is stored before the next claim, or before a cancelled dispatch returns.
                await Task.WhenAll(Tally.Drain(tally.Recordings)).ConfigureAwait(false);
            }

            // A short batch means nothing more is due — unless messages went back unsent while their protocol's probe was
            // in flight and the probe succeeded: they are due now.
            if (batch.Count < options.BatchSize && !Tally.Drain(tally.ReturnedUnsent).Any(circuits.IsClosed))
            {
                break;
            }
        }

        var duration = time.GetElapsedTime(started);
        telemetry.DispatchDuration(duration);
        if (telemetry.QueueDepthEnabled)
        {
            telemetry.QueueDepth(await store.CountQueueAsync(cancellationToken).ConfigureAwait(false));
        }

        if (tally.Claimed > 0)
        {
            // Idle rounds (every few seconds) log nothing.
            Log.DispatchCompleted(_logger, tally.Claimed, tally.Delivered, tally.Retrying, tally.Failed, tally.Paused, tally.Deferred, (long)duration.TotalMilliseconds);
        }

        activity?.SetTag("cicero.messages.claimed", tally.Claimed);
        return new DispatchResult(tally.Claimed, tally.Delivered, tally.Retrying, tally.Failed, tally.Paused, tally.Deferred);
    }

    /// <summary>Sends one claimed message and records its outcome; records nothing when its claim was lost or the dispatch is shutting down mid-send.</summary>
    private async ValueTask ProcessAsync(ClaimedMessage claimed, Tally tally, CancellationToken cancellationToken)
    {
        if (await OutcomeAsync(claimed, tally, cancellationToken).ConfigureAwait(false) is not { } outcome)
        {
            // Claim lost: another claim has the message. Shutting down: the lease is left to expire, and the channel's
            // guarantee decides what happens next.
            return;
        }

        // Recorded even while shutting down: the send already happened. The worker goes on to its next send while the
        // outcome is written (a store that commits in groups takes it with the next begun sends); the batch ends when
        // every outcome is stored. A crash before then leaves the message begun, as a crash mid-send does.
        var settled = VerificationMessagePolicy.Settle(outcome, time.GetUtcNow());
        tally.Recordings.Enqueue(RecordAsync(claimed.Message, settled, tally));
    }

    private async Task RecordAsync(Message before, Message settled, Tally tally)
    {
        var stored = await store.TryUpdateAsync(settled, CancellationToken.None).ConfigureAwait(false);
        Recorded(before, settled, stored, tally);
        if (stored is { Status: MessageStatus.Failed })
        {
            // Every message of its notification may have failed now: the type's fallback list decides.
            await fallbacks.AfterFailureAsync(stored, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The message after its send: delivered, retrying or failed; <see langword="null"/> when nothing is to be recorded (the
    /// claim was lost before the send began, or the dispatch was cancelled mid-send).
    /// </summary>
    private async ValueTask<Message?> OutcomeAsync(ClaimedMessage claimed, Tally tally, CancellationToken cancellationToken)
    {
        var message = claimed.Message;
        if (channels.Find(message.Protocol) is not { } channel)
        {
            return Fail(message, MessageFailureKind.NoChannel, $"No channel is registered for protocol {message.Protocol}.");
        }

        if (claimed.WasInFlight)
        {
            if (channel.Guarantee == DeliveryGuarantee.AtMostOnce)
            {
                Log.MessageInDoubt(_logger, message.Id, message.Protocol);
                return Fail(message, MessageFailureKind.InDoubt, "A send was interrupted before its outcome was recorded: check with the provider whether it arrived before retrying.");
            }

            Log.MessageResent(_logger, message.Id, message.Protocol);
        }

        // Due inside its protocol's quiet hours (a first send, a retry, a staff retry or reroute, a released e-mail): it
        // waits for their end without spending an attempt, and is never sent inside them.
        var now = time.GetUtcNow();
        if (_quietHours.WaitUntil(message, now) is { } quietUntil)
        {
            return message.Defer(now, quietUntil, $"Quiet hours for {message.Protocol.Name}: it waits until they end.");
        }

        // Claimed before its protocol was paused (by a failure of an earlier message of the batch): it goes back unchanged,
        // its lease released, and is claimed again when the channel works.
        var pass = circuits.TryPass(message.Protocol, now);
        if (pass == CircuitPass.Paused)
        {
            tally.ReturnedUnsent.Enqueue(message.Protocol);
            return message;
        }

        // A send begins only under a claim that still holds, and the store knows it began: a message whose lease passed
        // while earlier ones of its batch were sent is left to the next claim, which sends it once (not in doubt).
        if (!await store.TryBeginSendAsync(message.Id, _owner, now, now + setup.Options.Dispatch.LeaseDuration, cancellationToken).ConfigureAwait(false))
        {
            NotSent(message.Protocol, pass);
            Log.ClaimLost(_logger, message.Id, message.Protocol);
            return null;
        }

        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.send");
        activity?.SetTag("cicero.message.id", message.Id.ToString());
        activity?.SetTag("cicero.protocol", message.Protocol.Name);
        DeliveryResult result;
        try
        {
            result = await channel.SendAsync(ToOutgoing(message), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            NotSent(message.Protocol, pass);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A channel's exception is a transient failure, never a crash of the dispatcher. Its message may hold personal
            // data (an address in an SMTP reply): only its type is kept.
            Log.ChannelThrew(_logger, message.Protocol, ex.GetType().Name, message.Id);
            result = DeliveryResult.TransientFailure($"The channel failed with {ex.GetType().Name}.");
        }

        return Apply(message, result);
    }

    /// <summary>A probe that did not go out frees the probe for the next message of its protocol.</summary>
    private void NotSent(Protocol protocol, CircuitPass pass)
    {
        if (pass == CircuitPass.Probe)
        {
            circuits.ProbeNotSent(protocol);
        }
    }

    private Message Apply(Message message, DeliveryResult result)
    {
        var now = time.GetUtcNow();
        if (circuits.Record(message.Protocol, message.Id, result, now) is { } pausedUntil)
        {
            // The channel is broken, not the message: it waits for the channel without spending an attempt.
            return message.Postpone(now, result.Reason!, pausedUntil);
        }

        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                return message.MarkDelivered(now, result.ProviderMessageId);
            case DeliveryOutcome.PermanentFailure:
                return Fail(message, MessageFailureKind.Rejected, result.Reason!);
            default:
                var policy = VerificationMessagePolicy.RetryFor(message, setup.Options);
                var attempts = message.AttemptCount + 1;
                if (attempts >= policy.MaxAttempts)
                {
                    return Fail(message, MessageFailureKind.RetriesExhausted, $"{attempts} attempts failed; the last: {result.Reason}");
                }

                var delay = policy.DelayAfter(attempts, _randomizer.Next());
                if (result.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                return message.ScheduleRetry(now, result.Reason!, now + delay);
        }
    }

    private Message Fail(Message message, MessageFailureKind kind, string reason)
    {
        var attempted = kind is MessageFailureKind.Rejected or MessageFailureKind.RetriesExhausted;
        return message.MarkFailed(time.GetUtcNow(), new MessageFailure(kind, reason), attempted);
    }

    private void Recorded(Message before, Message after, Message? stored, Tally tally)
    {
        if (stored is null)
        {
            Log.UpdateConflict(_logger, before.Id, after.Status.ToString());
            return;
        }

        if (stored.History[^1].Event == MessageEvent.Deferred)
        {
            Interlocked.Increment(ref tally.Deferred);
            return;
        }

        if (stored.Status == MessageStatus.Pending && stored.AttemptCount == before.AttemptCount)
        {
            // Postponed, or not sent at all: its protocol is paused.
            Interlocked.Increment(ref tally.Paused);
            return;
        }

        switch (stored.Status)
        {
            case MessageStatus.Sent:
                Interlocked.Increment(ref tally.Delivered);
                telemetry.Sent(stored.Protocol);
                Log.MessageDelivered(_logger, stored.Id, stored.Type, stored.Protocol);
                break;
            case MessageStatus.Pending:
                Interlocked.Increment(ref tally.Retrying);
                telemetry.Retried(stored.Protocol);
                Log.MessageRetryScheduled(_logger, stored.Id, stored.Protocol, stored.AttemptCount, stored.NextAttemptAt!.Value);
                break;
            default:
                Interlocked.Increment(ref tally.Failed);
                var kind = stored.LastFailure?.Kind ?? MessageFailureKind.Rejected;
                telemetry.Failed(stored.Protocol, kind);
                Log.MessageFailed(_logger, stored.Id, stored.Type, stored.Protocol, kind);
                break;
        }
    }

    private static OutgoingMessage ToOutgoing(Message message) => new()
    {
        Id = message.Id,
        Protocol = message.Protocol,
        Type = message.Type,
        BorrowerId = message.BorrowerId,
        Recipient = message.Recipient,
        Subject = message.Content!.Subject,
        Body = message.Content.Body,
        HtmlBody = message.Content.HtmlBody,
        Culture = message.Culture,
        Attempt = message.AttemptCount + 1,
    };

    /// <summary>What one dispatch run did; counted from several sends at once.</summary>
    private sealed class Tally
    {
        public int Claimed;
        public int Delivered;
        public int Retrying;
        public int Failed;
        public int Paused;

        public int Deferred;

        /// <summary>Gets the outcomes being written; the batch waits for them (<see cref="Drain"/>).</summary>
        public ConcurrentQueue<Task> Recordings { get; } = new();

        /// <summary>Gets the protocols of messages that went back unsent because their protocol was paused (repeats are harmless).</summary>
        public ConcurrentQueue<Protocol> ReturnedUnsent { get; } = new();

        /// <summary>Takes everything queued so far.</summary>
        public static List<T> Drain<T>(ConcurrentQueue<T> queue)
        {
            var taken = new List<T>(queue.Count);
            while (queue.TryDequeue(out var item))
            {
                taken.Add(item);
            }

            return taken;
        }
    }
}
