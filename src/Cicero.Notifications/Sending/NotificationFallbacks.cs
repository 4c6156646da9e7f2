using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Sending;

/// <summary>
/// Automatic fallback (<see cref="NotificationTypeOptions.Fallback"/>): once every message of a notification has failed
/// for good, one message on the next protocol of the type's list takes over (<see cref="FallbackPlanner"/> decides).
/// </summary>
/// <remarks>
/// <para>
/// Called after a failure is stored (by the dispatcher, and by delivery receipts), it reads the notification's messages
/// again, so of two messages failing at once on two dispatchers the later sees both failed. The failed messages and the
/// new one are stored in one atomic step that checks every failed message's version: when two dispatchers decide the
/// same fallback, one stores it and the other's conflicts (it reads again and finds the fallback in place).
/// </para>
/// <para>
/// A crash between storing the failure and storing the fallback leaves the failed messages in the message queue;
/// <see cref="SweepAsync"/> (at the background service's start and in every nightly run) finds them and falls back then.
/// </para>
/// </remarks>
internal sealed class NotificationFallbacks(
    ServerSetup setup,
    IMessageStore store,
    IBorrowerProfileStore profiles,
    ITemplateRenderer renderer,
    TimeProvider time,
    CiceroTelemetry telemetry,
    ILogger<NotificationFallbacks>? logger = null)
{
    private const int MaxConflicts = 3;
    private const int SweepPageSize = 200;

    private readonly ILogger _logger = logger ?? NullLogger<NotificationFallbacks>.Instance;

    /// <summary>Gets a value indicating whether any type has a fallback list (nothing is read otherwise).</summary>
    public bool Any { get; } = setup.Options.Types.Values.Any(t => t.Fallback.Count > 0);

    /// <summary>
    /// After <paramref name="failed"/> was stored Failed: falls back when every message of its notification failed for
    /// good. Never throws for a store or template problem: the failed message stays in the queue for the next sweep.
    /// </summary>
    /// <param name="failed">The message as stored.</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The stored fallback message, or <see langword="null"/> when none was created now.</returns>
    public async Task<Message?> AfterFailureAsync(Message failed, CancellationToken cancellationToken = default)
    {
        if (!Any || !Candidate(failed, out var type))
        {
            return null;
        }

        try
        {
            return await FallBackAsync(failed, type, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Log.FallbackFailed(_logger, failed.Id, failed.Type, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Falls back for every notification in the message queue that should have (after a crash); returns how many fallback messages it created.</summary>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>The number of fallback messages created.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        if (!Any)
        {
            return 0;
        }

        var created = 0;
        var seen = new HashSet<MessageId>();
        string? continuation = null;
        do
        {
            var page = await store.ListQueueAsync(MessageQueueFilter.All, new PageRequest(SweepPageSize, continuation), cancellationToken).ConfigureAwait(false);
            foreach (var message in page.Items)
            {
                if (message.NotificationId is { } notification && seen.Add(notification)
                    && await AfterFailureAsync(message, cancellationToken).ConfigureAwait(false) is not null)
                {
                    created++;
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        return created;
    }

    private bool Candidate(Message message, out NotificationTypeOptions type)
    {
        type = null!;
        if (message is not { NeedsStaff: true, NotificationId: not null, IsAnonymized: false } || setup.Find(message.Type) is not { Fallback.Count: > 0 } found)
        {
            return false;
        }

        type = found;
        return FallbackPlanner.FailedForGood(message, type);
    }

    private async Task<Message?> FallBackAsync(Message failed, NotificationTypeOptions type, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; conflicts < MaxConflicts; conflicts++)
        {
            var messages = await store.ListByNotificationAsync(failed.NotificationId!.Value, cancellationToken).ConfigureAwait(false);
            var profile = await profiles.GetAsync(failed.BorrowerId, cancellationToken).ConfigureAwait(false);
            var decision = FallbackPlanner.Decide(type, messages, profile, setup.Catalog);
            if (decision.Outcome == FallbackOutcome.Exhausted)
            {
                Log.FallbackExhausted(_logger, failed.Type, decision.Replaced.Count);
                return null;
            }

            if (decision.Outcome == FallbackOutcome.None)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var id = MessageId.New(now);
            var protocol = decision.Protocol!;
            var fallback = Create(id, decision, now);
            var replaced = decision.Replaced.Select(m => m.ReplaceByFallback(now, id, protocol)).ToList();
            if (await store.TryAddFallbackAsync(replaced, fallback, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                telemetry.Created(stored);
                Log.FallbackCreated(_logger, stored.Type, replaced.Count, stored.Id, stored.Protocol);
                if (stored.Status == MessageStatus.Failed)
                {
                    telemetry.Failed(stored.Protocol, MessageFailureKind.TemplateFailed);
                    Log.TemplateFailed(_logger, stored.Id, stored.Type, stored.Protocol);
                }

                return stored;
            }

            // A failed message changed meanwhile (another dispatcher's fallback, a staff action): decide again.
        }

        return null;
    }

    /// <summary>The fallback message, rendered for its protocol from the notification's stored data; Failed when that template fails.</summary>
    private Message Create(MessageId id, FallbackDecision decision, DateTimeOffset now)
    {
        var source = decision.Replaced[0];
        var templateData = decision.Replaced.Select(m => m.Content?.TemplateData).FirstOrDefault(d => d is not null);
        try
        {
            var rendered = renderer.Render(source.Type, decision.Protocol!, source.Culture, TemplateDataJson.Read(templateData));
            var content = new MessageContent(rendered.Subject, rendered.Body, templateData) { HtmlBody = rendered.HtmlBody };
            return Message.CreateFallback(id, decision.Replaced, decision.Protocol!, decision.Recipient, content, now);
        }
        catch (Exception ex) when (ex is TemplateRenderException or JsonException)
        {
            // Visible to staff in the message queue, with the data kept for a retry once the template is mended.
            var reason = ex is TemplateRenderException ? ex.Message : "The stored template data could not be read.";
            return Message.CreateFallback(id, decision.Replaced, decision.Protocol!, decision.Recipient, new MessageContent(null, "", templateData), now)
                .MarkFailed(now, new MessageFailure(MessageFailureKind.TemplateFailed, reason), attempted: false);
        }
    }
}
