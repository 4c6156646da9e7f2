using System.Collections.Immutable;
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
    private const int MaxDigestAttempts = 3;
    private const int DigestPageSize = 50;

    private readonly ILogger _logger = logger ?? NullLogger<Notifier>.Instance;

    public async Task<IReadOnlyList<Message>> NotifyAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.notify");
        activity?.SetTag("cicero.notification.type", notification.Type.Name);
        var (typeSetup, templateData) = Check(notification, cancellationToken);
        var profile = await profiles.GetAsync(notification.BorrowerId, cancellationToken).ConfigureAwait(false)
            ?? throw new BorrowerProfileNotFoundException(NoProfile(notification));
        var (result, _) = await StoreAsync(notification, typeSetup, templateData, profile, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("cicero.messages.created", result.Messages.Count);
        return result.Messages;
    }

    /// <summary>Creates and stores the notification's messages, or adds it to an open digest of its type for the borrower.</summary>
    private async Task<(AddMessagesResult Result, NotifyOutcome Outcome)> StoreAsync(Notification notification, NotificationTypeOptions typeSetup, string? templateData, BorrowerProfile profile, CancellationToken cancellationToken)
    {
        if (typeSetup.DigestWindow is { } window
            && await TryJoinDigestAsync(notification, window, templateData, cancellationToken).ConfigureAwait(false) is { } joined)
        {
            if (joined.IsDuplicate)
            {
                Log.NotificationDuplicate(_logger, notification.Type, joined.Messages.Count);
                return (joined, NotifyOutcome.Duplicate);
            }

            Log.NotificationAddedToDigest(_logger, notification.Type, joined.Messages[0].DigestItems.Length, joined.Messages.Count);
            return (joined, NotifyOutcome.AddedToDigest);
        }

        var (created, outcome) = Create(notification, typeSetup, templateData, profile);
        var result = await messages.AddAsync(created, notification.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        Recorded(notification, result, outcome);
        return (result, result.IsDuplicate ? NotifyOutcome.Duplicate : NotifyOutcome.Created);
    }

    /// <summary>
    /// Adds the notification to the oldest open digest of its type for the borrower that can take it, rendering each of
    /// the digest's messages again with every item. <see langword="null"/> when there is none (or it stays busy), so the
    /// notification starts a digest of its own; a duplicate key comes back as the earlier messages.
    /// </summary>
    private async Task<AddMessagesResult?> TryJoinDigestAsync(Notification notification, TimeSpan window, string? templateData, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxDigestAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var digest = await FindOpenDigestAsync(notification, window, now, cancellationToken).ConfigureAwait(false);
            if (digest is null)
            {
                return null;
            }

            var items = DigestData.Items(digest[0].Content?.TemplateData);
            items.Add(templateData);
            var joined = Render(digest, DigestData.Compose(items), notification.Type, (message, content) => message.AddToDigest(now, notification.IdempotencyKey, content));
            if (joined is null)
            {
                return null;
            }

            // Null: a message changed (a staff action, a dispatcher's claim) or began sending since it was read: look again.
            if (await messages.TryAddToDigestAsync(joined, notification.IdempotencyKey, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return stored;
            }
        }

        Log.DigestNotJoined(_logger, notification.Type, "its messages kept changing");
        return null;
    }

    /// <summary>The messages of the oldest digest of the notification's type for the borrower that it can join, if any.</summary>
    private async Task<IReadOnlyList<Message>?> FindOpenDigestAsync(Notification notification, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Newest first: an open digest was created within the window, so the pages stop at the first message older than that.
        var candidates = new List<Message>();
        var page = new PageRequest(DigestPageSize);
        while (true)
        {
            var found = await messages.ListByBorrowerAsync(notification.BorrowerId, null, page, cancellationToken).ConfigureAwait(false);
            candidates.AddRange(found.Items.Where(m => m.Type == notification.Type && m.IsOpenDigest(now, window)
                && string.Equals(m.Branch, notification.Branch, StringComparison.OrdinalIgnoreCase))); // A digest gathers one branch's notifications.
            if (found.Continuation is null || found.Items.Count == 0 || found.Items[^1].CreatedAt + window <= now)
            {
                break;
            }

            page = new PageRequest(DigestPageSize, found.Continuation);
        }

        foreach (var digestId in candidates.OrderBy(m => m.CreatedAt).Select(m => m.NotificationId ?? m.Id).Distinct())
        {
            var digest = await messages.ListByNotificationAsync(digestId, cancellationToken).ConfigureAwait(false);
            if (DigestPlanner.CanJoin(digest, now, window, notification.NotBefore))
            {
                return digest;
            }
        }

        return null;
    }

    /// <summary>
    /// Renders every message of a digest from its new template data and applies <paramref name="change"/>; <see langword="null"/>
    /// when the data grew too large or a template fails for it (the caller then leaves the digest as it is).
    /// </summary>
    private Message[]? Render(IReadOnlyList<Message> digest, string templateData, NotificationType type, Func<Message, MessageContent, Message> change)
    {
        if (templateData.Length > DigestData.MaxLength)
        {
            Log.DigestNotJoined(_logger, type, "its data would be too large");
            return null;
        }

        var model = renderer.Prepare(TemplateDataJson.Read(templateData));
        var changed = new Message[digest.Count];
        for (var i = 0; i < changed.Length; i++)
        {
            RenderedTemplate rendered;
            try
            {
                rendered = renderer.Render(digest[i].Type, digest[i].Protocol, digest[i].Culture, model);
            }
            catch (TemplateRenderException)
            {
                Log.DigestNotJoined(_logger, type, $"the template for {digest[i].Protocol.Name} failed for its data");
                return null;
            }

            changed[i] = change(digest[i], Content(rendered, templateData));
        }

        return changed;
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
            results.Add(await CancelAsync(message, idempotencyKey, reason.Trim(), cancellationToken).ConfigureAwait(false));
        }

        var result = new CancelResult(results);
        if (result.Found)
        {
            var sent = results.Count(r => r.Outcome == CancelOutcome.Sent);
            var sending = results.Count(r => r.Outcome == CancelOutcome.Sending);
            Log.NotificationCancelled(_logger, result.Cancelled, result.RemovedFromDigest, sent, sending);
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

    private async Task<MessageCancellation> CancelAsync(Message message, string idempotencyKey, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            // A digest's item of this notification: gone already when the key is not among them (an earlier cancellation).
            var item = message.IsDigest ? IndexOf(message.DigestItems, idempotencyKey) : -1;
            var outcome = message switch
            {
                { IsCancelled: true } => CancelOutcome.AlreadyCancelled,
                { Status: MessageStatus.Sent } => CancelOutcome.Sent,
                { IsAnonymized: true } => CancelOutcome.Anonymized,
                { IsDigest: true } when item < 0 => CancelOutcome.AlreadyCancelled,
                _ => (CancelOutcome?)null,
            };
            if (outcome is { } done)
            {
                return new MessageCancellation(message, done);
            }

            if (message.DigestItems.Length > 1)
            {
                var removed = await messages.TryUpdateUnlessSendingAsync(RemoveFromDigest(message, item, reason), cancellationToken).ConfigureAwait(false);
                if (removed is not null)
                {
                    return new MessageCancellation(removed, CancelOutcome.RemovedFromDigest);
                }
            }
            else if (await messages.TryUpdateUnlessSendingAsync(message.Cancel(time.GetUtcNow(), reason), cancellationToken).ConfigureAwait(false) is { } cancelled)
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

    private static int IndexOf(ImmutableArray<DigestItem> items, string idempotencyKey)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (string.Equals(items[i].IdempotencyKey, idempotencyKey, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The digest without the cancelled notification's item, rendered again from the others. Should a template fail for
    /// what is left (it rendered all of it before), the message fails for staff rather than go out with the cancelled item.
    /// </summary>
    private Message RemoveFromDigest(Message digest, int item, string reason)
    {
        var now = time.GetUtcNow();
        var items = DigestData.Items(digest.Content?.TemplateData);
        items.RemoveAt(item);
        var templateData = DigestData.Compose(items);
        if (Render([digest], templateData, digest.Type, (message, content) => message.RemoveFromDigest(now, item, content, reason)) is [var rendered])
        {
            return rendered;
        }

        var removed = digest.RemoveFromDigest(now, item, new MessageContent(null, "", templateData), reason);
        return removed.Status == MessageStatus.Pending
            ? removed.MarkFailed(now, new MessageFailure(MessageFailureKind.TemplateFailed, "The digest's template failed after a notification was cancelled."), attempted: false)
            : removed;
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
            var digests = new List<(int Index, NotificationTypeOptions TypeSetup, string? TemplateData, BorrowerProfile Profile)>();
            foreach (var (index, typeSetup, templateData) in checkedOnes)
            {
                var notification = chunk[index];
                if (!borrowers.TryGetValue(notification.BorrowerId, out var profile))
                {
                    chunkResults[index] = new NotifyResult(notification, NotifyOutcome.UnknownBorrower, [], NoProfile(notification));
                    continue;
                }

                if (typeSetup.DigestWindow is not null)
                {
                    digests.Add((index, typeSetup, templateData, profile));
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

            // A digest type's notifications one at a time, in order: each may join the digest the one before started.
            foreach (var (index, typeSetup, templateData, profile) in digests)
            {
                var (result, outcome) = await StoreAsync(chunk[index], typeSetup, templateData, profile, cancellationToken).ConfigureAwait(false);
                chunkResults[index] = new NotifyResult(chunk[index], outcome, result.Messages, null);
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
        if (notification.Branch is { } branch && setup.FindBranch(branch) is null)
        {
            throw new ArgumentException(
                BranchCode.IsValid(branch)
                    ? $"Notification.Branch '{branch}' is not set up: add it to CiceroNotificationsOptions.Branches."
                    : $"Notification.Branch must be {BranchCode.Rule}.",
                nameof(notification));
        }

        if (typeSetup.DigestWindow is not null && notification.Data.ContainsKey(DigestData.ItemsVariable))
        {
            throw new ArgumentException(
                $"Notification type '{notification.Type}' gathers notifications into digests: its template data cannot use the variable '{DigestData.ItemsVariable}', which holds the digest's list.",
                nameof(notification));
        }

        return (typeSetup, templateData);
    }

    private static string NoProfile(Notification notification)
        => $"Borrower {notification.BorrowerId} has no profile: save one with IBorrowerProfileStore (or IBorrowerProfiles) before notifying.";

    /// <summary>Decides the borrower's protocols and renders one message per protocol and address (not yet stored).</summary>
    private (Message[] Created, DeliveryPlanOutcome Outcome) Create(Notification notification, NotificationTypeOptions typeSetup, string? templateData, BorrowerProfile profile)
    {
        var now = time.GetUtcNow();
        var culture = setup.CultureFor(notification.Culture, profile);
        var branch = notification.Branch is { } code ? setup.FindBranch(code) : null;
        var plan = DeliveryPlanner.Plan(typeSetup, profile, setup.Catalog, now, setup.Options.EmailVerificationWindow);

        // A digest type: the messages start a digest, due when its window ends, with the data as its first item.
        var digestWindow = plan.Outcome == DeliveryPlanOutcome.MissingContactInfo ? null : typeSetup.DigestWindow;
        var notBefore = notification.NotBefore;
        if (digestWindow is { } window)
        {
            templateData = DigestData.Compose([templateData]);
            notBefore = DigestPlanner.DueAt(now, window, notBefore);
        }

        // Rendered from the stored JSON, as a later reroute or print renders it: a value prints the same either way.
        var model = renderer.Prepare(TemplateDataJson.Read(templateData));

        if (plan.Outcome == DeliveryPlanOutcome.MissingContactInfo)
        {
            // No usable protocol and no alternative: visible on the borrower's list, not in the queue; rendered when possible so staff can print it.
            // A failed render still keeps the template data, so staff can retry or reroute the message later.
            var content = TryRender(notification, plan.DisplayProtocol, culture, model, templateData, out _) ?? new MessageContent(null, "", templateData);
            return ([Message.CreateMissingContactInfo(MessageId.New(now), notification.BorrowerId, notification.Type, plan.DisplayProtocol, content, culture, now, notification.IdempotencyKey, branch)], plan.Outcome);
        }

        var created = new Message[plan.Deliveries.Length];
        for (var i = 0; i < created.Length; i++)
        {
            var delivery = plan.Deliveries[i];
            var content = TryRender(notification, delivery.Protocol, culture, model, templateData, out var failure);
            var id = MessageId.New(now);
            var message = Message.CreatePending(id, notification.BorrowerId, notification.Type, delivery.Protocol, delivery.Recipient, content ?? new MessageContent(null, "", templateData), culture, now, delivery.Held, notBefore, notification.IdempotencyKey, notificationId: i == 0 ? null : created[0].Id, branch: branch);
            if (digestWindow is not null)
            {
                message = message.StartDigest();
            }

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
            return Content(rendered, templateData);
        }
        catch (TemplateRenderException ex)
        {
            failure = ex.Message;
            Activity.Current?.AddEvent(new ActivityEvent("template.failed"));
            return null;
        }
    }

    private static MessageContent Content(RenderedTemplate rendered, string? templateData)
        => new(rendered.Subject, rendered.Body, templateData) { HtmlBody = rendered.HtmlBody };
}
