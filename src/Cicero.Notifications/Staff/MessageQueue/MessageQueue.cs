using System.Globalization;
using System.Text.Json;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Verification;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Telemetry;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Staff;

/// <summary>
/// The message queue and the staff actions: read the message, check that the action fits, build the changed message with
/// the domain's transition, and store it only if nobody changed it meanwhile (optimistic concurrency).
/// </summary>
internal sealed class MessageQueue(
    ServerSetup setup,
    ITemplateRenderer renderer,
    ChannelRegistry channels,
    IMessageStore store,
    IBorrowerProfileStore profiles,
    TimeProvider time,
    StaffView view,
    ILogger<MessageQueue>? logger = null) : IMessageQueue
{
    /// <summary>The longest note accepted.</summary>
    public const int MaxNoteLength = 1000;

    private readonly ILogger _logger = logger ?? NullLogger<MessageQueue>.Instance;

    public async Task<MessageRowPage> ListAsync(MessageQueueFilter filter, PageRequest page, CultureInfo? culture = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var staffCulture = view.StaffCulture(culture);
        var found = await store.ListQueueAsync(filter, page, cancellationToken).ConfigureAwait(false);
        return new MessageRowPage([.. found.Items.Select(m => view.Row(m, staffCulture))], found.Continuation);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => store.CountQueueAsync(cancellationToken);

    public Task<Message> RetryAsync(MessageId messageId, string staffId, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CheckStaff(staffId, note);
        return ActAsync(messageId, MessageActions.Retry, expectedVersion, async (message, now, ct) =>
        {
            RequireKnownProtocol(message, MessageActions.Retry, message.Protocol);
            RequireChannel(message, MessageActions.Retry, message.Protocol);

            MessageRecipient? recipient = null;
            if (message.Status == MessageStatus.MissingContactInfo)
            {
                // The message never had an address: take the one the borrower has now.
                recipient = await FindRecipientAsync(message, MessageActions.Retry, message.Protocol, ct).ConfigureAwait(false);
            }

            // A message whose template failed has no real content yet: render it again (the template may be fixed).
            var content = message.LastFailure?.Kind == MessageFailureKind.TemplateFailed
                ? Render(message, MessageActions.Retry, message.Protocol)
                : RequireContent(message, MessageActions.Retry);
            return message.Retry(now, staffId, note, recipient, content);
        }, cancellationToken);
    }

    public Task<Message> RerouteAsync(MessageId messageId, Protocol protocol, string staffId, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        CheckStaff(staffId, note);
        return ActAsync(messageId, MessageActions.Reroute, expectedVersion, async (message, now, ct) =>
        {
            RequireKnownProtocol(message, MessageActions.Reroute, protocol);
            RequireChannel(message, MessageActions.Reroute, protocol);
            RequireContent(message, MessageActions.Reroute);
            if (!renderer.HasTemplate(message.Type, protocol, message.Culture))
            {
                throw Refuse(message, MessageActions.Reroute, MessageActionRefusal.NoTemplate, $"there is no {protocol} template for type {message.Type} in culture {message.Culture}");
            }

            var recipient = await FindRecipientAsync(message, MessageActions.Reroute, protocol, ct).ConfigureAwait(false);
            var content = Render(message, MessageActions.Reroute, protocol);
            return message.Reroute(now, staffId, protocol, recipient, content, note);
        }, cancellationToken);
    }

    public Task<Message> MarkHandledAsync(MessageId messageId, string staffId, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CheckStaff(staffId, note);
        return ActAsync(messageId, MessageActions.MarkHandled, expectedVersion, (message, now, _) => Task.FromResult(message.MarkHandledManually(now, staffId, note)), cancellationToken);
    }

    public Task<Message> DismissAsync(MessageId messageId, string staffId, string? note = null, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        CheckStaff(staffId, note);
        return ActAsync(messageId, MessageActions.Dismiss, expectedVersion, (message, now, _) => Task.FromResult(message.Dismiss(now, staffId, note)), cancellationToken);
    }

    public Task<BulkActionResult> RetryManyAsync(MessageSelection selection, string staffId, string? note = null, CancellationToken cancellationToken = default)
        => ActOnManyAsync(selection, MessageActions.Retry, staffId, note, id => RetryAsync(id, staffId, note, cancellationToken: cancellationToken), cancellationToken);

    public Task<BulkActionResult> RerouteManyAsync(MessageSelection selection, Protocol protocol, string staffId, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return ActOnManyAsync(selection, MessageActions.Reroute, staffId, note, id => RerouteAsync(id, protocol, staffId, note, cancellationToken: cancellationToken), cancellationToken);
    }

    public Task<BulkActionResult> MarkHandledManyAsync(MessageSelection selection, string staffId, string? note = null, CancellationToken cancellationToken = default)
        => ActOnManyAsync(selection, MessageActions.MarkHandled, staffId, note, id => MarkHandledAsync(id, staffId, note, cancellationToken: cancellationToken), cancellationToken);

    public Task<BulkActionResult> DismissManyAsync(MessageSelection selection, string staffId, string? note = null, CancellationToken cancellationToken = default)
        => ActOnManyAsync(selection, MessageActions.Dismiss, staffId, note, id => DismissAsync(id, staffId, note, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>The single action on each selected message in turn, each outcome sorted into the result.</summary>
    private async Task<BulkActionResult> ActOnManyAsync(
        MessageSelection selection, MessageActions action, string staffId, string? note, Func<MessageId, Task<Message>> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        CheckStaff(staffId, note);
        var (ids, moreMatched) = await SelectAsync(selection, cancellationToken).ConfigureAwait(false);
        List<MessageId> succeeded = [];
        List<BulkActionRefusal> refused = [];
        List<MessageId> conflicted = [];
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await act(id).ConfigureAwait(false);
                succeeded.Add(id);
            }
            catch (MessageConflictException)
            {
                conflicted.Add(id);
            }
            catch (MessageActionException ex)
            {
                refused.Add(new BulkActionRefusal(id, ex.Refusal, ex.Message));
            }
        }

        StaffLog.BulkActionDone(_logger, action, succeeded.Count, refused.Count, conflicted.Count, moreMatched);
        return new BulkActionResult(succeeded, refused, conflicted, moreMatched);
    }

    /// <summary>The ids a selection names, or the first <see cref="MessageSelection.MaxCount"/> queue messages its filter matches.</summary>
    private async Task<(IReadOnlyList<MessageId> Ids, bool MoreMatched)> SelectAsync(MessageSelection selection, CancellationToken cancellationToken)
    {
        if (selection.Ids is { } listed)
        {
            return (listed, false);
        }

        var ids = new List<MessageId>();
        var page = new PageRequest(200);
        while (true)
        {
            var found = await store.ListQueueAsync(selection.Filter!, page, cancellationToken).ConfigureAwait(false);
            foreach (var message in found.Items)
            {
                if (ids.Count == MessageSelection.MaxCount)
                {
                    return (ids, true);
                }

                ids.Add(message.Id);
            }

            if (found.Continuation is null)
            {
                return (ids, false);
            }

            page = page with { Continuation = found.Continuation };
        }
    }

    private static void CheckStaff(string staffId, string? note)
    {
        StaffId.Check(staffId);
        if (note is { Length: > MaxNoteLength })
        {
            throw new ArgumentException($"A note is at most {MaxNoteLength} characters.", nameof(note));
        }
    }

    private async Task<Message> ActAsync(MessageId messageId, MessageActions action, long? expectedVersion, Func<Message, DateTimeOffset, CancellationToken, Task<Message>> change, CancellationToken cancellationToken)
    {
        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.staff." + action.ToString().ToLowerInvariant());
        activity?.SetTag("cicero.message.id", messageId.ToString());
        var message = await store.GetAsync(messageId, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            StaffLog.ActionRefused(_logger, action, messageId, MessageActionRefusal.NotFound);
            throw new MessageActionException(messageId, action, MessageActionRefusal.NotFound, $"{action} on message {messageId} was refused: there is no such message.");
        }

        if (expectedVersion is { } expected && message.Version != expected)
        {
            // The caller decided on a state that is no longer stored: the same as losing the race later.
            StaffLog.ActionConflict(_logger, action, messageId);
            throw new MessageConflictException(messageId, action);
        }

        RequireFits(message, action);
        var changed = await change(message, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        // Recorded even if the caller gives up now: the decision is made and the change is small.
        var stored = await store.TryUpdateAsync(changed, CancellationToken.None).ConfigureAwait(false);
        if (stored is null)
        {
            StaffLog.ActionConflict(_logger, action, messageId);
            throw new MessageConflictException(messageId, action);
        }

        LogDone(action, message, stored);
        return stored;
    }

    private void LogDone(MessageActions action, Message before, Message after)
    {
        switch (action)
        {
            case MessageActions.Retry:
                StaffLog.Retried(_logger, after.Id, after.Type, after.Protocol);
                break;
            case MessageActions.Reroute:
                StaffLog.Rerouted(_logger, after.Id, after.Type, before.Protocol, after.Protocol);
                break;
            case MessageActions.MarkHandled:
                StaffLog.MarkedHandled(_logger, after.Id, after.Type, after.Protocol);
                break;
            default:
                StaffLog.Dismissed(_logger, after.Id, after.Type, after.Protocol);
                break;
        }
    }

    private void RequireFits(Message message, MessageActions action)
    {
        if (message.IsAnonymized)
        {
            throw Refuse(message, action, MessageActionRefusal.Anonymized, "the message is anonymized: its content and address are gone");
        }

        if (message.IsCancelled)
        {
            throw Refuse(message, action, MessageActionRefusal.InvalidState, "the host cancelled its notification: a cancelled message is never sent");
        }

        if (VerificationMessagePolicy.AppliesTo(message))
        {
            throw Refuse(message, action, MessageActionRefusal.VerificationMessage, "e-mail verification messages are not handled by staff; resend the verification from the borrower's profile");
        }

        var fits = action == MessageActions.Dismiss
            ? message is { Status: MessageStatus.Failed, IsDismissed: false }
            : message.Status is MessageStatus.Failed or MessageStatus.MissingContactInfo;
        if (!fits)
        {
            var state = message.IsDismissed ? "Failed and already dismissed" : message.Status.ToString();
            var allowed = action == MessageActions.Dismiss ? "only a Failed message in the queue can be dismissed" : "only Failed and MissingContactInfo messages can be";
            throw Refuse(message, action, MessageActionRefusal.InvalidState, action == MessageActions.Dismiss
                ? $"it is {state}; {allowed}"
                : $"it is {state}; {allowed} {Verb(action)}");
        }
    }

    private static string Verb(MessageActions action) => action switch
    {
        MessageActions.Retry => "retried",
        MessageActions.Reroute => "sent on another protocol",
        _ => "marked handled",
    };

    private void RequireKnownProtocol(Message message, MessageActions action, Protocol protocol)
    {
        if (!setup.Catalog.Contains(protocol))
        {
            throw Refuse(message, action, MessageActionRefusal.UnknownProtocol, $"protocol {protocol} is neither built-in nor defined in UserDefinedProtocols");
        }
    }

    private void RequireChannel(Message message, MessageActions action, Protocol protocol)
    {
        // A collected protocol's letters need no channel: they wait for the next print run.
        if (channels.Find(protocol) is null && !setup.Catalog.IsCollected(protocol))
        {
            throw Refuse(message, action, MessageActionRefusal.NoChannel, $"no channel is registered for protocol {protocol}");
        }
    }

    private MessageContent RequireContent(Message message, MessageActions action)
        => message.Content ?? throw Refuse(message, action, MessageActionRefusal.NoContent, "the message has no content to send (its template failed when it was created); mark it handled instead");

    private async Task<MessageRecipient?> FindRecipientAsync(Message message, MessageActions action, Protocol protocol, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(message.BorrowerId, cancellationToken).ConfigureAwait(false);
        if (profile is null || !DeliveryPlanner.TryFindRecipient(protocol, profile, setup.Catalog, out var recipient))
        {
            throw Refuse(message, action, MessageActionRefusal.NoAddress, $"the borrower's current profile has no address for protocol {protocol}");
        }

        return recipient;
    }

    private MessageContent Render(Message message, MessageActions action, Protocol protocol)
    {
        var content = RequireContent(message, action);
        Dictionary<string, object?> data;
        try
        {
            // Values come back as JsonElement (which the renderer accepts), dates as dates.
            data = TemplateDataJson.Read(content.TemplateData);
        }
        catch (JsonException)
        {
            throw Refuse(message, action, MessageActionRefusal.TemplateFailed, "its stored template data could not be read");
        }

        try
        {
            var rendered = renderer.Render(message.Type, protocol, message.Culture, data);
            return new MessageContent(rendered.Subject, rendered.Body, content.TemplateData) { HtmlBody = rendered.HtmlBody };
        }
        catch (TemplateRenderException ex)
        {
            throw Refuse(message, action, MessageActionRefusal.TemplateFailed, $"the {protocol} template could not be rendered from the message's template data", ex);
        }
    }

    private MessageActionException Refuse(Message message, MessageActions action, MessageActionRefusal refusal, string why, Exception? inner = null)
    {
        StaffLog.ActionRefused(_logger, action, message.Id, refusal);
        return new MessageActionException(message.Id, action, refusal, $"{action} on message {message.Id} was refused: {why}.", inner);
    }
}
