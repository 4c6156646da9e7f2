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
    private readonly ILogger _logger = logger ?? NullLogger<Notifier>.Instance;

    public async Task<IReadOnlyList<Message>> NotifyAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        CheckKeyAndCulture(notification);
        using var activity = CiceroTelemetry.ActivitySource.StartActivity("cicero.notify");
        activity?.SetTag("cicero.notification.type", notification.Type.Name);

        if (!TemplateDataJson.TryWrite(notification.Data, out var templateData, out var refusal, cancellationToken))
        {
            throw new ArgumentException(refusal, nameof(notification));
        }

        var typeSetup = setup.Find(notification.Type)
            ?? throw new ArgumentException($"Notification type '{notification.Type}' is not set up: add it to CiceroNotificationsOptions.Types.", nameof(notification));
        var profile = await profiles.GetAsync(notification.BorrowerId, cancellationToken).ConfigureAwait(false)
            ?? throw new BorrowerProfileNotFoundException($"Borrower {notification.BorrowerId} has no profile: save one with IBorrowerProfileStore (or IBorrowerProfiles) before notifying.");

        var now = time.GetUtcNow();
        var culture = setup.CultureFor(notification.Culture, profile);
        var plan = DeliveryPlanner.Plan(typeSetup, profile, setup.Catalog, now, setup.Options.EmailVerificationWindow);
        // Rendered from the stored JSON, as a later reroute or print renders it: a value prints the same either way.
        var model = renderer.Prepare(TemplateDataJson.Read(templateData));

        Message[] created;
        if (plan.Outcome == DeliveryPlanOutcome.MissingContactInfo)
        {
            // No usable protocol and no alternative: visible on the borrower's list, not in the queue; rendered when possible so staff can print it.
            // A failed render still keeps the template data, so staff can retry or reroute the message later.
            var content = TryRender(notification, plan.DisplayProtocol, culture, model, templateData, out _) ?? new MessageContent(null, "", templateData);
            created = [Message.CreateMissingContactInfo(MessageId.New(now), notification.BorrowerId, notification.Type, plan.DisplayProtocol, content, culture, now, notification.IdempotencyKey)];
        }
        else
        {
            created = new Message[plan.Deliveries.Length];
            for (var i = 0; i < created.Length; i++)
            {
                var delivery = plan.Deliveries[i];
                var content = TryRender(notification, delivery.Protocol, culture, model, templateData, out var failure);
                var id = MessageId.New(now);
                var message = Message.CreatePending(id, notification.BorrowerId, notification.Type, delivery.Protocol, delivery.Recipient, content ?? new MessageContent(null, "", templateData), culture, now, delivery.Held, notification.NotBefore, notification.IdempotencyKey);
                if (failure is not null)
                {
                    Log.TemplateFailed(_logger, id, notification.Type, delivery.Protocol);
                    message = message.MarkFailed(now, new MessageFailure(MessageFailureKind.TemplateFailed, failure), attempted: false);
                }

                created[i] = message;
            }
        }

        var result = await messages.AddAsync(created, notification.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        if (result.IsDuplicate)
        {
            Log.NotificationDuplicate(_logger, notification.Type, result.Messages.Count);
            return result.Messages;
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

        Log.NotificationCreated(_logger, notification.Type, result.Messages.Count, plan.Outcome switch
        {
            DeliveryPlanOutcome.Chosen => "on the borrower's chosen protocols",
            DeliveryPlanOutcome.Alternative => "on the alternative protocol (none of the type's protocols is chosen)",
            _ => "as missing contact information (no protocol can reach the borrower)",
        });
        activity?.SetTag("cicero.messages.created", result.Messages.Count);
        return result.Messages;
    }

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
