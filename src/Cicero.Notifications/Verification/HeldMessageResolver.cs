using System.Globalization;
using System.Text.Json;
using Cicero.Notifications.Profiles;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cicero.Notifications.Verification;

/// <summary>
/// What becomes of the messages held for an e-mail address that is gone unverified (expired or removed): the
/// protocol decision runs again for the message's type on the profile without the address; when it picks the
/// type's alternative protocol the message moves there, re-rendered from its stored template data; otherwise it becomes
/// MissingContactInfo. Never dropped: each change is in the message's history with the reason.
/// </summary>
internal sealed class HeldMessageResolver(
    ServerSetup setup,
    ITemplateRenderer renderer,
    IMessageStore messages,
    TimeProvider time,
    ILogger<HeldMessageResolver>? logger = null)
{
    /// <summary>The history reason when staff remove an unverified address.</summary>
    public const string RemovedReason = "The e-mail address was removed before it was verified.";

    private readonly ILogger _logger = logger ?? NullLogger<HeldMessageResolver>.Instance;

    /// <summary>Gets the history reason when an address expires unverified, for example "The e-mail address was not verified within 3 days."</summary>
    public string ExpiredReason => $"The e-mail address was not verified within {Describe(setup.Options.EmailVerificationWindow)}.";

    /// <summary>Handles every message held for <paramref name="email"/>, deciding on <paramref name="profileWithoutAddress"/>.</summary>
    public async Task<HeldTally> ResolveAsync(BorrowerProfile profileWithoutAddress, EmailAddress email, string reason, CancellationToken cancellationToken)
        => await ResolveAsync(await messages.ListHeldAsync(profileWithoutAddress.Id, email, cancellationToken).ConfigureAwait(false), profileWithoutAddress, reason, cancellationToken).ConfigureAwait(false);

    /// <summary>Handles the given held messages of the profile's borrower, deciding on <paramref name="profileWithoutAddress"/>.</summary>
    public async Task<HeldTally> ResolveAsync(IEnumerable<Message> held, BorrowerProfile profileWithoutAddress, string reason, CancellationToken cancellationToken)
    {
        var tally = default(HeldTally);
        foreach (var message in held)
        {
            tally = tally.Add(await ResolveAsync(message, profileWithoutAddress, reason, cancellationToken).ConfigureAwait(false));
        }

        return tally;
    }

    /// <summary>Releases a borrower's messages held for an address that is now verified: they become due at once.</summary>
    /// <param name="borrowerId">The borrower.</param>
    /// <param name="email">The verified address.</param>
    /// <param name="now">When the address was verified (or found verified).</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many messages were released.</returns>
    public async Task<int> ReleaseAsync(BorrowerId borrowerId, EmailAddress email, DateTimeOffset now, CancellationToken cancellationToken)
        => await ReleaseAsync(await messages.ListHeldAsync(borrowerId, email, cancellationToken).ConfigureAwait(false), now, cancellationToken).ConfigureAwait(false);

    /// <summary>Releases the given held messages: they become due at once.</summary>
    /// <param name="held">The messages, as listed.</param>
    /// <param name="now">When their address was verified (or found verified).</param>
    /// <param name="cancellationToken">A cancellation token.</param>
    /// <returns>How many messages were released.</returns>
    public async Task<int> ReleaseAsync(IEnumerable<Message> held, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var released = 0;
        foreach (var listed in held)
        {
            // A message that changed since it was listed (another host releasing it too) is read again, up to three times.
            var message = listed;
            for (var attempt = 0; attempt < 3 && message is { IsHeld: true }; attempt++)
            {
                if (await messages.TryUpdateAsync(message.Release(now), cancellationToken).ConfigureAwait(false) is not null)
                {
                    released++;
                    break;
                }

                message = await messages.GetAsync(message.Id, cancellationToken).ConfigureAwait(false);
            }
        }

        return released;
    }

    private async Task<MessageStatus?> ResolveAsync(Message message, BorrowerProfile profile, string reason, CancellationToken cancellationToken)
    {
        // One retry: the message may have changed between listing and updating (another host, a concurrent removal).
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var changed = Decide(message, profile, reason, time.GetUtcNow());
            var stored = await messages.TryUpdateAsync(changed, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                Report(message, stored);
                return stored.Status;
            }

            var current = await messages.GetAsync(message.Id, cancellationToken).ConfigureAwait(false);
            if (current is not { IsHeld: true })
            {
                break;
            }

            message = current;
        }

        ProfileLog.HeldMessageChanged(_logger, message.Id);
        return null;
    }

    private Message Decide(Message message, BorrowerProfile profile, string reason, DateTimeOffset now)
    {
        var typeSetup = setup.Find(message.Type);
        var plan = typeSetup is null
            ? null
            : DeliveryPlanner.Plan(typeSetup, profile, setup.Catalog, now, setup.Options.EmailVerificationWindow);
        if (plan is not { Outcome: DeliveryPlanOutcome.Alternative, Deliveries: [var alternative] })
        {
            return message.MarkMissingContactInfo(now, reason);
        }

        var templateData = message.Content?.TemplateData;
        try
        {
            var rendered = renderer.Render(message.Type, alternative.Protocol, message.Culture, TemplateDataJson.Read(templateData));
            var content = new MessageContent(rendered.Subject, rendered.Body, templateData) { HtmlBody = rendered.HtmlBody };
            return message.Reroute(now, MessageHistoryEntry.SystemActor, alternative.Protocol, alternative.Recipient, content, reason);
        }
        catch (TemplateRenderException ex)
        {
            // A template that fails for this borrower makes the message Failed, for staff in the message queue.
            return message
                .Reroute(now, MessageHistoryEntry.SystemActor, alternative.Protocol, alternative.Recipient, new MessageContent(null, "", templateData), reason)
                .MarkFailed(now, new MessageFailure(MessageFailureKind.TemplateFailed, ex.Message), attempted: false);
        }
    }

    private void Report(Message before, Message after)
    {
        switch (after.Status)
        {
            case MessageStatus.Pending:
                ProfileLog.HeldMessageRerouted(_logger, after.Id, after.Type, before.Protocol, after.Protocol);
                break;
            case MessageStatus.Failed:
                ProfileLog.HeldMessageRerouteFailed(_logger, after.Id, after.Type, after.Protocol);
                break;
            default:
                ProfileLog.HeldMessageMissingContactInfo(_logger, after.Id, after.Type);
                break;
        }
    }

    private static string Describe(TimeSpan window)
    {
        if (window.Ticks % TimeSpan.TicksPerDay == 0)
        {
            var days = (long)window.TotalDays;
            return days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{days} days");
        }

        if (window.Ticks % TimeSpan.TicksPerHour == 0)
        {
            var hours = (long)window.TotalHours;
            return hours == 1 ? "1 hour" : string.Create(CultureInfo.InvariantCulture, $"{hours} hours");
        }

        return window.ToString("c", CultureInfo.InvariantCulture);
    }
}
