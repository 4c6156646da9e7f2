using System.Diagnostics;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.Logging;
using Scriban.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Sending;

/// <summary>The outbox writer: decide, render, persist — before any channel is called.</summary>
internal sealed class Notifier(
    ServerSetup setup,
    ITemplateRenderer renderer,
    IMessageStore messages,
    IBorrowerProfileStore profiles,
    TimeProvider time,
    CiceroTelemetry telemetry,
    ILogger<Notifier>? logger = null) : INotifier
{
    private const int MaxCancelReasonLength = 500;
    private const int MaxCancelAttempts = 3;

    private readonly ILogger _logger = logger ?? NullLogger<Notifier>.Instance;

    public async Task<IReadOnlyList<Message>> NotifyAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.notify");
        activity?.SetTag("cicero.notification.type", notification.Type.Name);
        var (typeSetup, templateData) = Check(notification, cancellationToken);
        var profile = await profiles.GetAsync(notification.BorrowerId, cancellationToken).ConfigureAwait(false)
            ?? throw new BorrowerProfileNotFoundException(NoProfile(notification));
        var (created, outcome) = Create(notification, typeSetup, templateData, profile);
        var result = await messages.AddAsync(created, notification.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        Recorded(notification, result, outcome);
        activity?.SetTag("cicero.messages.created", result.Messages.Count);
        return result.Messages;
    }

    public async Task<CancelResult> CancelAsync(string idempotencyKey, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (reason.Length > MaxCancelReasonLength)
        {
            throw new ArgumentException($"The cancellation reason is longer than {MaxCancelReasonLength} characters.", nameof(reason));
        }

        var results = new List<MessageCancellation>();
        foreach (var message in await ListNotificationAsync(idempotencyKey, cancellationToken).ConfigureAwait(false))
        {
            results.Add(await CancelAsync(message, reason.Trim(), cancellationToken).ConfigureAwait(false));
        }

        var result = new CancelResult(results);
        if (result.Found)
        {
            var sent = results.Count(r => r.Outcome == CancelOutcome.Sent);
            var sending = results.Count(r => r.Outcome == CancelOutcome.Sending);
            Log.NotificationCancelled(_logger, result.Cancelled, sent, sending);
        }

        return result;
    }

    /// <summary>The messages the notification created under the key, and the fallback messages that took over from them.</summary>
    private async Task<IReadOnlyList<Message>> ListNotificationAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var created = await messages.ListByIdempotencyKeyAsync(idempotencyKey, cancellationToken).ConfigureAwait(false);
        if (created is not [{ NotificationId: { } notification }, ..])
        {
            return created;
        }

        var all = created.ToList();
        foreach (var message in await messages.ListByNotificationAsync(notification, cancellationToken).ConfigureAwait(false))
        {
            if (!all.Exists(m => m.Id == message.Id))
            {
                all.Add(message);
            }
        }

        return all;
    }

    private async Task<MessageCancellation> CancelAsync(Message message, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var outcome = message switch
            {
                { IsCancelled: true } => CancelOutcome.AlreadyCancelled,
                { Status: MessageStatus.Sent } => CancelOutcome.Sent,
                { IsAnonymized: true } => CancelOutcome.Anonymized,
                _ => (CancelOutcome?)null,
            };
            if (outcome is { } done)
            {
                return new MessageCancellation(message, done);
            }

            var cancelled = await messages.TryUpdateUnlessSendingAsync(message.Cancel(time.GetUtcNow(), reason), cancellationToken).ConfigureAwait(false);
            if (cancelled is not null)
            {
                telemetry.Failed(cancelled.Protocol, MessageFailureKind.Cancelled);
                return new MessageCancellation(cancelled, CancelOutcome.Cancelled);
            }

            // Refused: the message changed (staff, a dispatcher's outcome: read it again), or its send has begun (same version).
            var current = await messages.GetAsync(message.Id, cancellationToken).ConfigureAwait(false) ?? message;
            if (current.Version == message.Version || attempt == MaxCancelAttempts)
            {
                return new MessageCancellation(current, CancelOutcome.Sending);
            }

            message = current;
        }
    }

    public async Task<IReadOnlyList<NotifyResult>> NotifyManyAsync(IEnumerable<Notification> notifications, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.notify_many");
        var results = new List<NotifyResult>();
        foreach (var chunk in notifications.Chunk(INotifier.MaxBatchSize))
        {
            var chunkResults = new NotifyResult?[chunk.Length];
            var checkedOnes = new List<(int Index, NotificationTypeOptions TypeSetup, string? TemplateData)>(chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                var notification = chunk[i] ?? throw new ArgumentNullException(nameof(notifications), "A notification in the list is null.");
                try
                {
                    var (typeSetup, templateData) = Check(notification, cancellationToken);
                    checkedOnes.Add((i, typeSetup, templateData));
                }
                catch (UnknownTypeException ex)
                {
                    chunkResults[i] = new NotifyResult(notification, NotifyOutcome.UnknownType, [], ex.Message);
                }
                catch (ArgumentException ex)
                {
                    chunkResults[i] = new NotifyResult(notification, NotifyOutcome.InvalidData, [], ex.Message);
                }
            }

            // The batch's borrowers in one read.
            var borrowers = await profiles.GetManyAsync([.. checkedOnes.Select(c => chunk[c.Index].BorrowerId).Distinct()], cancellationToken).ConfigureAwait(false);
            var toAdd = new List<MessagesToAdd>(checkedOnes.Count);
            var added = new List<(int Index, DeliveryPlanOutcome Outcome)>(checkedOnes.Count);
            foreach (var (index, typeSetup, templateData) in checkedOnes)
            {
                var notification = chunk[index];
                if (!borrowers.TryGetValue(notification.BorrowerId, out var profile))
                {
                    chunkResults[index] = new NotifyResult(notification, NotifyOutcome.UnknownBorrower, [], NoProfile(notification));
                    continue;
                }

                var (created, outcome) = Create(notification, typeSetup, templateData, profile);
                toAdd.Add(new MessagesToAdd(created, notification.IdempotencyKey));
                added.Add((index, outcome));
            }

            var stored = toAdd.Count == 0 ? [] : await messages.AddManyAsync(toAdd, cancellationToken).ConfigureAwait(false);
            for (var j = 0; j < added.Count; j++)
            {
                var (index, outcome) = added[j];
                Recorded(chunk[index], stored[j], outcome);
                chunkResults[index] = new NotifyResult(chunk[index], stored[j].IsDuplicate ? NotifyOutcome.Duplicate : NotifyOutcome.Created, stored[j].Messages, null);
            }

            results.AddRange(chunkResults!);
        }

        activity?.SetTag("cicero.notifications", results.Count);
        return results;
    }

    /// <summary>Checks what can be checked without the store: key, culture, type, and the template data (written as JSON).</summary>
    private (NotificationTypeOptions TypeSetup, string? TemplateData) Check(Notification notification, CancellationToken cancellationToken)
    {
        CheckKeyAndCulture(notification);
        if (!TemplateDataJson.TryWrite(notification.Data, out var templateData, out var refusal, cancellationToken))
        {
            throw new ArgumentException(refusal, nameof(notification));
        }

        var typeSetup = setup.Find(notification.Type)
            ?? throw new UnknownTypeException($"Notification type '{notification.Type}' is not set up: add it to CiceroNotificationsOptions.Types.", nameof(notification));
        return (typeSetup, templateData);
    }

    private static string NoProfile(Notification notification)
        => $"Borrower {notification.BorrowerId} has no profile: save one with IBorrowerProfileStore (or IBorrowerProfiles) before notifying.";

    /// <summary>Decides the borrower's protocols and renders one message per protocol and address (not yet stored).</summary>
    private (Message[] Created, DeliveryPlanOutcome Outcome) Create(Notification notification, NotificationTypeOptions typeSetup, string? templateData, BorrowerProfile profile)
    {
        var now = time.GetUtcNow();
        var culture = setup.CultureFor(notification.Culture, profile);
        var plan = DeliveryPlanner.Plan(typeSetup, profile, setup.Catalog, now, setup.Options.EmailVerificationWindow);
        // Rendered from the stored JSON, as a later reroute or print renders it: a value prints the same either way.
        var model = renderer.Prepare(TemplateDataJson.Read(templateData));

        if (plan.Outcome == DeliveryPlanOutcome.MissingContactInfo)
        {
            // No usable protocol and no alternative: visible on the borrower's list, not in the queue; rendered when possible so staff can print it.
            // A failed render still keeps the template data, so staff can retry or reroute the message later.
            var content = TryRender(notification, plan.DisplayProtocol, culture, model, templateData, out _) ?? new MessageContent(null, "", templateData);
            return ([Message.CreateMissingContactInfo(MessageId.New(now), notification.BorrowerId, notification.Type, plan.DisplayProtocol, content, culture, now, notification.IdempotencyKey)], plan.Outcome);
        }

        var created = new Message[plan.Deliveries.Length];
        for (var i = 0; i < created.Length; i++)
        {
            var delivery = plan.Deliveries[i];
            var content = TryRender(notification, delivery.Protocol, culture, model, templateData, out var failure);
            var id = MessageId.New(now);
            var message = Message.CreatePending(id, notification.BorrowerId, notification.Type, delivery.Protocol, delivery.Recipient, content ?? new MessageContent(null, "", templateData), culture, now, delivery.Held, notification.NotBefore, notification.IdempotencyKey, notificationId: i == 0 ? null : created[0].Id);
            if (failure is not null)
            {
                Log.TemplateFailed(_logger, id, notification.Type, delivery.Protocol);
                message = message.MarkFailed(now, new MessageFailure(MessageFailureKind.TemplateFailed, failure), attempted: false);
            }

            created[i] = message;
        }

        return (created, plan.Outcome);
    }

    /// <summary>Logs and counts what was stored (nothing is counted for a duplicate).</summary>
    private void Recorded(Notification notification, AddMessagesResult result, DeliveryPlanOutcome outcome)
    {
        if (result.IsDuplicate)
        {
            Log.NotificationDuplicate(_logger, notification.Type, result.Messages.Count);
            return;
        }

        var stored = result.Messages;
        for (var i = 0; i < stored.Count; i++)
        {
            var message = stored[i];
            telemetry.Created(message);
            if (message.Status == MessageStatus.Failed)
            {
                telemetry.Failed(message.Protocol, MessageFailureKind.TemplateFailed);
            }
        }

        Log.NotificationCreated(_logger, notification.Type, stored.Count, outcome switch
        {
            DeliveryPlanOutcome.Chosen => "on the borrower's chosen protocols",
            DeliveryPlanOutcome.Alternative => "on the alternative protocol (none of the type's protocols is chosen)",
            _ => "as missing contact information (no protocol can reach the borrower)",
        });
    }

    /// <summary>An <see cref="ArgumentException"/> for a type that is not set up, told apart from bad data by bulk notify.</summary>
    private sealed class UnknownTypeException(string message, string paramName) : ArgumentException(message, paramName);

    /// <summary>The longest idempotency key accepted.</summary>
    internal const int MaxIdempotencyKeyLength = 200;

    /// <summary>Refuses an idempotency key or culture that could not be stored or compared faithfully; never echoes either.</summary>
    private static void CheckKeyAndCulture(Notification notification)
    {
        if (notification.IdempotencyKey is { } key && (key.Length is 0 or > MaxIdempotencyKeyLength || !TextRules.IsPlainIdentifier(key)))
        {
            throw new ArgumentException(
                $"Notification.IdempotencyKey must be 1–{MaxIdempotencyKeyLength} characters without control or invisible formatting characters (zero-width, bidirectional) or broken surrogate pairs.",
                nameof(notification));
        }

        if (notification.Culture is { } culture && (culture.Length > 32 || CultureFallback.Find(culture, predefinedOnly: true) is null))
        {
            throw new ArgumentException("Notification.Culture is not a known culture name (for example \"da-DK\" or \"en\").", nameof(notification));
        }
    }

    private MessageContent? TryRender(Notification notification, Protocol protocol, string culture, ScriptObject model, string? templateData, out string? failure)
    {
        failure = null;
        try
        {
            var rendered = renderer.Render(notification.Type, protocol, culture, model);
            return new MessageContent(rendered.Subject, rendered.Body, templateData) { HtmlBody = rendered.HtmlBody };
        }
        catch (TemplateRenderException ex)
        {
            failure = ex.Message;
            Activity.Current?.AddEvent(new ActivityEvent("template.failed"));
            return null;
        }
    }
}
