using System.Diagnostics;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Sending;

/// <summary>Claims due messages with a lease, sends them through their channel and records each outcome.</summary>
internal sealed class MessageDispatcher(
    ServerSetup setup,
    ChannelRegistry channels,
    IMessageStore store,
    TimeProvider time,
    CiceroTelemetry telemetry,
    ILogger<MessageDispatcher>? logger = null) : IMessageDispatcher
{
    private readonly ILogger _logger = logger ?? NullLogger<MessageDispatcher>.Instance;

    private const string VerificationNeverQueued = "Verification messages never enter the message queue.";

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    // The built-in protocols are singletons and the registry never changes: their channels are found by reference.
    private readonly INotificationChannel? _sms = channels.Find(Protocol.Sms);
    private readonly INotificationChannel? _email = channels.Find(Protocol.Email);
    private readonly INotificationChannel? _digitalPost = channels.Find(Protocol.DigitalPost);

    // The default store records synchronously: no task per message.
    private readonly InMemoryMessageStore? _memory = store as InMemoryMessageStore;

    public async Task<DispatchResult> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.dispatch");
        var started = time.GetTimestamp();
        var options = setup.Options.Dispatch;
        var tally = new Tally();
        Func<ClaimedMessage, CancellationToken, ValueTask> process = (claimed, ct) => ProcessAsync(claimed, tally, ct);

        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var batch = await store.ClaimDueAsync(_owner, now, now + options.LeaseDuration, options.BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            Interlocked.Add(ref tally.Claimed, batch.Count);
            await InlineParallel.ForEachAsync(batch, options.MaxParallelism, cancellationToken, process).ConfigureAwait(false);
            if (batch.Count < options.BatchSize)
            {
                break;
            }
        }

        telemetry.DispatchDuration(time.GetElapsedTime(started));
        if (telemetry.QueueDepthEnabled)
        {
            telemetry.QueueDepth(await store.CountQueueAsync(cancellationToken).ConfigureAwait(false));
        }

        Log.DispatchCompleted(_logger, tally.Claimed, tally.Delivered, tally.Retrying, tally.Failed);
        activity?.SetTag("cicero.messages.claimed", tally.Claimed);
        return new DispatchResult(tally.Claimed, tally.Delivered, tally.Retrying, tally.Failed);
    }

    /// <summary>Sends one claimed message and records its outcome; completes synchronously when the channel and the store do.</summary>
    private ValueTask ProcessAsync(ClaimedMessage claimed, Tally tally, CancellationToken cancellationToken)
    {
        var message = claimed.Message;
        var channel = FindChannel(message.Protocol);
        if (channel is null)
        {
            return RecordAsync(claimed, Fail(message, MessageFailureKind.NoChannel, $"No channel is registered for protocol {message.Protocol}."), tally);
        }

        if (claimed.WasInFlight)
        {
            if (channel.Guarantee == DeliveryGuarantee.AtMostOnce)
            {
                Log.MessageInDoubt(_logger, message.Id, message.Protocol);
                var inDoubt = Fail(message, MessageFailureKind.InDoubt, "A send was interrupted before its outcome was recorded: check with the provider whether it arrived before retrying.");
                return RecordAsync(claimed, inDoubt, tally);
            }

            Log.MessageResent(_logger, message.Id, message.Protocol);
        }

        if (CiceroTelemetry.ActivitySource.HasListeners())
        {
            return new ValueTask(SendTracedAsync(channel, claimed, tally, cancellationToken));
        }

        // Untraced: no activity, so nothing here changes the execution context and the send may complete inline.
        var sending = Start(channel, message, cancellationToken);
        return sending.IsCompletedSuccessfully
            ? RecordAsync(claimed, Apply(message, sending.Result), tally)
            : new ValueTask(AwaitSendAsync(sending, claimed, tally, cancellationToken));
    }

    /// <summary>Finds a protocol's channel: a reference comparison for the built-ins, the registry (by name) for the rest.</summary>
    private INotificationChannel? FindChannel(Protocol protocol)
    {
        if (ReferenceEquals(protocol, Protocol.Sms))
        {
            return _sms;
        }

        if (ReferenceEquals(protocol, Protocol.Email))
        {
            return _email;
        }

        return ReferenceEquals(protocol, Protocol.DigitalPost) ? _digitalPost : channels.Find(protocol);
    }

    private async Task AwaitSendAsync(Task<DeliveryResult> sending, ClaimedMessage claimed, Tally tally, CancellationToken cancellationToken)
    {
        if (await OutcomeAsync(sending, claimed.Message, cancellationToken).ConfigureAwait(false) is { } result)
        {
            await RecordAsync(claimed, Apply(claimed.Message, result), tally).ConfigureAwait(false);
        }
    }

    private async Task SendTracedAsync(INotificationChannel channel, ClaimedMessage claimed, Tally tally, CancellationToken cancellationToken)
    {
        var message = claimed.Message;
        DeliveryResult? result;
        using (var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.send"))
        {
            activity?.SetTag("cicero.message.id", message.Id.ToString());
            activity?.SetTag("cicero.protocol", message.Protocol.Name);
            result = await OutcomeAsync(Start(channel, message, cancellationToken), message, cancellationToken).ConfigureAwait(false);
        }

        if (result is not null)
        {
            await RecordAsync(claimed, Apply(message, result), tally).ConfigureAwait(false);
        }
    }

    /// <summary>Starts the send; an exception the channel throws before returning its task becomes that task's fault.</summary>
    private static Task<DeliveryResult> Start(INotificationChannel channel, Message message, CancellationToken cancellationToken)
    {
        try
        {
            return channel.SendAsync(ToOutgoing(message), cancellationToken);
        }
#pragma warning disable CA1031 // Handled where every send's outcome is: OutcomeAsync.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<DeliveryResult>(ex);
        }
    }

    /// <summary>
    /// The send's outcome: the channel's result, a transient failure when it threw, or <see langword="null"/> when the
    /// dispatch is shutting down (the lease is left to expire; the guarantee decides what happens next).
    /// </summary>
    private async Task<DeliveryResult?> OutcomeAsync(Task<DeliveryResult> sending, Message message, CancellationToken cancellationToken)
    {
        try
        {
            return await sending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // A channel's exception is a transient failure, never a crash of the dispatcher.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ChannelThrew(message, ex);
        }
    }

    private DeliveryResult ChannelThrew(Message message, Exception ex)
    {
        // The exception's message may hold personal data (an address in an SMTP reply): keep only its type.
        Log.ChannelThrew(_logger, message.Protocol, ex.GetType().Name, message.Id);
        return DeliveryResult.TransientFailure($"The channel failed with {ex.GetType().Name}.");
    }

    private Message Apply(Message message, DeliveryResult result)
    {
        var now = time.GetUtcNow();
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                // A sent verification message keeps its link without the token.
                return VerificationLink.RemoveToken(message.MarkDelivered(now, result.ProviderMessageId));
            case DeliveryOutcome.PermanentFailure:
                return Fail(message, MessageFailureKind.Rejected, result.Reason!);
            default:
                var policy = message.Type == NotificationType.EmailVerification ? setup.Options.VerificationRetry : setup.Options.Retry;
                var attempts = message.AttemptCount + 1;
                if (attempts >= policy.MaxAttempts)
                {
                    return Fail(message, MessageFailureKind.RetriesExhausted, $"{attempts} attempts failed; the last: {result.Reason}");
                }

                var delay = policy.DelayAfter(attempts, Random.Shared.NextDouble());
                if (result.RetryAfter is { } retryAfter && retryAfter > delay)
                {
                    delay = retryAfter;
                }

                return message.ScheduleRetry(now, result.Reason!, now + delay);
        }
    }

    private Message Fail(Message message, MessageFailureKind kind, string reason)
    {
        var now = time.GetUtcNow();
        var attempted = kind is MessageFailureKind.Rejected or MessageFailureKind.RetriesExhausted;
        var failed = message.MarkFailed(now, new MessageFailure(kind, reason), attempted);
        return message.Type == NotificationType.EmailVerification
            ? VerificationLink.RemoveToken(failed.Dismiss(now, MessageHistoryEntry.SystemActor, VerificationNeverQueued))
            : failed;
    }

    /// <summary>Stores the outcome; completes synchronously when the store does.</summary>
    private ValueTask RecordAsync(ClaimedMessage claimed, Message after, Tally tally)
    {
        // Recorded even while shutting down: the send already happened.
        var before = claimed.Message;
        if (_memory is not null)
        {
            Recorded(before, after, _memory.TryUpdate(after, claimed.StoreSlot), tally);
            return default;
        }

        var storing = store.TryUpdateAsync(after, CancellationToken.None);
        if (storing.IsCompletedSuccessfully)
        {
            Recorded(before, after, storing.Result, tally);
            return default;
        }

        return new ValueTask(AwaitRecordAsync(storing, before, after, tally));
    }

    private async Task AwaitRecordAsync(Task<Message?> storing, Message before, Message after, Tally tally)
        => Recorded(before, after, await storing.ConfigureAwait(false), tally);

    private void Recorded(Message before, Message after, Message? stored, Tally tally)
    {
        if (stored is null)
        {
            Log.UpdateConflict(_logger, before.Id, after.Status.ToString());
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

    private sealed class Tally
    {
#pragma warning disable SA1401, CA1051 // Fields for Interlocked.
        public int Claimed;
        public int Delivered;
        public int Retrying;
        public int Failed;
#pragma warning restore SA1401, CA1051
    }
}
